"""The sandbox shows a trainer how a Korean or Thai officer's phone is met: `:as NAME lang=CODE`
sets the language of that person's Telegram, which the bot meets at their first line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.sandbox_parts import AS_USAGE

ROOT = Path(__file__).resolve().parents[2]


def test_each_person_is_met_in_the_language_of_their_telegram(tmp_path: Path) -> None:
    lines = [
        ":as kcs lang=ko",
        ":chat group",
        "/seizure 필로폰 2킬로 at 인천공항",
        ":as tcd lang=th",
        "/seizure ยาบ้า 500 เม็ด at BKK",
        ":as kcs lang=en",
        ":as bob",
    ]
    done = subprocess.run(
        [sys.executable, "-m", "bot", "sandbox", "--data", str(tmp_path), "--fresh"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,  # a bound for a hung run, not a measure
        check=False,
    )
    out = done.stdout
    assert done.returncode == 0 and "Traceback" not in out + done.stderr, done.stderr
    after = {line: out[out.index(f"> {line}\n") :] for line in lines}
    # Before: ':as kcs lang=ko' printed the sandbox's help, and Park read English throughout.
    assert after[":as kcs lang=ko"].splitlines()[1] == (
        "you are now Park Ji-woo (kcs), Telegram in Korean (ko)"
    )
    assert "✅ KCS 보고 SIREN #1 기록:" in after["/seizure 필로폰 2킬로 at 인천공항"]
    assert "บันทึกรายงาน SIREN #2 ของ TCD แล้ว" in after["/seizure ยาบ้า 500 เม็ด at BKK"]
    # The bot keeps the language it met Park in, as on Telegram, and the sandbox says so.
    assert after[":as kcs lang=en"].splitlines()[1:3] == [
        "you are now Park Ji-woo (kcs), Telegram in English (en)",
        "(the bot writes to Park in Korean (ko), met or chosen before; /language en changes it)",
    ]
    assert after[":as bob"].splitlines()[1] == AS_USAGE
