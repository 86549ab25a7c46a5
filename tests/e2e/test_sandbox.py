"""The sandbox as a trainer uses it: typed or piped lines, what the room sees, files kept."""

from __future__ import annotations

import io
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.demo import CAST, GROUP
from bot.sandbox import HELP, Sandbox, keep_file, reopen_chats, settled
from bot.sandbox_parts import start_parameter
from fakegram.server import FakeBotAPI
from fakegram.types import ApiError
from tests.e2e.conftest import Harness

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
_SCRIPT_MARK = "<!-- workshop script:"


class Terminal:
    """A Sandbox on the running bot, and what it printed."""

    def __init__(self, h: Harness, files: Path) -> None:
        files.mkdir(exist_ok=True)
        self.out = io.StringIO()
        self.h = h
        self.sandbox = Sandbox(h.api, files, self.out, idle=lambda: settled(h.app))

    async def type(self, *lines: str) -> str:
        """Type lines one after another; return what was printed meanwhile."""
        start = len(self.out.getvalue())
        for line in lines:
            self.out.write(f"> {line}\n")
            assert await self.sandbox.handle(line)
        return self.out.getvalue()[start:]


def workshop_script() -> list[str]:
    """The fenced block after the README's workshop-script marker, line by line."""
    text = README.read_text(encoding="utf-8")
    after = text[text.index(_SCRIPT_MARK) :]
    block = re.search(r"```[a-z]*\n(.*?)```", after, re.DOTALL)
    assert block is not None, "no fenced block after the workshop-script marker"
    return [line for line in block.group(1).splitlines() if line.strip()]


async def test_a_press_shows_the_alert_or_notice_telegram_pops_up(
    siren: Harness, tmp_path: Path
) -> None:
    term = Terminal(siren, tmp_path / "files")
    await term.type(":chat group", "/seizure 2kg meth at ICN")
    shown = await term.type(":as tcd", ":press 1")
    assert "[alert to Somchai] Only the officer who sent this report can undo it." in shown
    assert "(no reply)" not in shown
    shown = await term.type(":as kcs", ":press 1")
    assert re.search(r"\[notice to Park\] Report .*voided", shown), shown
    assert "❌ Voided" in shown
    # The edit took the Undo button away, so there is nothing left to press.
    assert "no buttons to press in this chat" in await term.type(":press 1")


async def test_words_with_angle_brackets_show_as_typed(siren: Harness, tmp_path: Path) -> None:
    # The reply is HTML, escaped; the sandbox showed '" dust"' for '<zombie> dust'.
    term = Terminal(siren, tmp_path / "files")
    shown = await term.type(":chat group", "/seizure 2kg <zombie> dust + 1kg x<y>z")
    # Such a name is refused since (/alias could never classify it), quoting it as typed.
    assert "The substance name “<zombie> dust” cannot contain < or >" in shown
    assert "e.g. /seizure 2kg zombie dust + 1kg x y z" in shown


async def test_only_your_own_chat_s_buttons_can_be_pressed(siren: Harness, tmp_path: Path) -> None:
    term = Terminal(siren, tmp_path / "files")
    await term.type("/seizure 2kg meth at ICN")  # Park's private chat shows Undo
    # The coordinator does not see Park's private chat (this used to end the sandbox with a
    # LookupError).
    shown = await term.type(":as coordinator", ":press 1")
    assert "no buttons to press in this chat" in shown
    assert "the buttons here are [1] Undo" in await term.type(":as kcs", ":press 3")


async def test_a_line_the_bot_ignores_ends_once_the_bot_has_handled_it(
    siren: Harness, tmp_path: Path
) -> None:
    term = Terminal(siren, tmp_path / "files")
    shown = await term.type(":chat group", "good morning everyone")
    # Said only once the bot has taken the update and finished with it; the old sandbox sat
    # out 10 s instead and said nothing.
    assert shown.endswith("> good morning everyone\n(no reply)\n"), shown
    assert "has not taken" not in shown
    # The next line's answer is printed under it, not under the silent one.
    shown = await term.type("/seizure 2kg meth at ICN")
    assert shown.startswith("> /seizure 2kg meth at ICN\n[bot → SIREN OCU]"), shown


async def test_every_file_the_bot_sends_is_kept_under_its_own_name(
    siren: Harness, tmp_path: Path
) -> None:
    files = tmp_path / "files"
    term = Terminal(siren, files)
    await term.type("/seizure 2kg meth at ICN", ":as coordinator")
    shown = await term.type("/chart", "/chart", "/export")
    saved = [Path(p) for p in re.findall(r"\(file saved: (.+)\)", shown)]
    assert [p.name for p in saved[:2]] == ["chart-1.png", "chart-2.png"]
    assert re.fullmatch(r".*SIREN.*-1\.csv", saved[2].name), saved[2].name
    assert all(p.parent == files for p in saved)
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in saved[:2])
    assert "methamphetamine" in saved[2].read_text(encoding="utf-8")


def test_a_kept_file_never_overwrites_an_earlier_one(tmp_path: Path) -> None:
    (tmp_path / "chart-1.png").write_bytes(b"from an earlier session")
    assert keep_file(tmp_path, "chart.png", b"new") == tmp_path / "chart-2.png"
    assert (tmp_path / "chart-1.png").read_bytes() == b"from an earlier session"
    assert keep_file(tmp_path, "../../escape.csv", b"x") == tmp_path / "escape-1.csv"
    assert keep_file(tmp_path, "README", b"x") == tmp_path / "README-1"


async def test_edit_edits_your_last_report_not_your_last_message(
    siren: Harness, tmp_path: Path
) -> None:
    term = Terminal(siren, tmp_path / "files")
    await term.type("/seizure 2kg meth at ICN", "/mine")
    shown = await term.type(":edit /seizure 3kg meth at ICN")
    assert "Corrected report" in shown and "3 kg methamphetamine" in shown, shown
    amounts = await siren.rows("SELECT amount, unit FROM seizure_item")
    assert [(str(r["amount"]), r["unit"]) for r in amounts] == [("3000", "g")]


async def test_edit_with_no_report_says_so_and_sends_nothing(
    siren: Harness, tmp_path: Path
) -> None:
    term = Terminal(siren, tmp_path / "files")
    await term.type("/mine")
    queued = siren.api.newest_update_id()
    shown = await term.type(":edit /seizure 3kg meth at ICN")
    assert "Park has sent no report (/seizure or /s) in this chat yet" in shown
    assert "e.g. /seizure 2kg meth at ICN" in shown
    assert siren.api.newest_update_id() == queued
    # A report in the private chat is not one in the group.
    await term.type("/seizure 2kg meth at ICN", ":chat group")
    assert "nothing to edit" in await term.type(":edit /seizure 1kg meth at ICN")


def test_the_readme_lists_every_sandbox_command() -> None:
    readme = README.read_text(encoding="utf-8")
    section = readme[readme.index("## Trying it in the sandbox") : readme.index("### A workshop")]
    in_help = set(re.findall(r"^  (:[a-z]+)", HELP, re.MULTILINE))
    in_readme = set(re.findall(r"^\| `(:[a-z]+)", section, re.MULTILINE))
    in_readme |= set(re.findall(r"^\| `:[a-z]+[^|]*` / `(:[a-z]+)", section, re.MULTILINE))
    assert ":wait" in in_help
    assert in_help == in_readme


def test_the_readme_workshop_script_runs(tmp_path: Path) -> None:
    script = workshop_script()
    done = subprocess.run(
        [sys.executable, "-m", "bot", "sandbox", "--data", str(tmp_path), "--fresh"],
        input="\n".join(script) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,  # a bound for a hung run, not a measure
        check=False,
    )
    out = done.stdout
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in out + done.stderr
    for line in script:
        assert f"> {line}\n" in out, f"{line!r} was not run"
    after = {line: out[out.index(f"> {line}\n") :] for line in script}
    assert "Recorded report" in after["/seizure 2kg meth at ICN"]
    edit = after[":edit /seizure 2.5kg meth at ICN in speaker"]
    assert "Corrected report" in edit and "2.5 kg methamphetamine" in edit
    assert after["good morning everyone"].splitlines()[1] == "(no reply)"
    assert "[alert to Somchai] Only the officer who sent this report" in after[":press 1"]
    summary = after["/summary"]
    assert "Summary" in summary and "methamphetamine" in summary and "2.5 kg" in summary
    saved = re.findall(r"\(file saved: (.+)\)", after["/chart"])
    assert [Path(p).name for p in saved] == ["chart-1.png"]
    assert Path(saved[0]).read_bytes().startswith(b"\x89PNG")


def _sandbox(data: Path, lines: list[str], *, fresh: bool) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "sandbox", "--data", str(data), *(["--fresh"] * fresh)],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,  # a bound for a hung run, not a measure
    )
    assert done.returncode == 0, done.stderr
    # Nothing on stderr at exit: no traceback, no resource_tracker "leaked semaphore" warning.
    assert "Warning" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    return done.stdout


def test_a_resumed_sandbox_records_new_reports_as_new(tmp_path: Path) -> None:
    """A second run on the same data counts its ids on: a new report is never an old one."""
    _sandbox(tmp_path, ["/s 1kg meth at ICN", "/s 2kg meth at ICN"], fresh=True)
    out = _sandbox(tmp_path, ["/s 4kg heroin at ICN", "/undo", "/s 5kg heroin at ICN"], fresh=False)
    assert "Recorded report SIREN #3 for KCS:\n• 4 kg heroin" in out
    assert "Report SIREN #3 voided" in out
    assert "Recorded report SIREN #4 for KCS:\n• 5 kg heroin" in out
    assert "Already answered" not in out and "methamphetamine" not in out


def test_a_resumed_sandbox_still_writes_to_those_who_started_the_bot(tmp_path: Path) -> None:
    """The emulation forgets its chats at a restart; the cast's private chats are reopened."""
    _sandbox(tmp_path, ["/s 1kg meth at ICN"], fresh=True)
    # Somchai, as if he had joined by the group alone, never wrote to the bot in private.
    with sqlite3.connect(tmp_path / "sandbox.sqlite3") as conn:
        conn.execute(
            "UPDATE person SET private_chat_id = NULL WHERE user_id = ?", (CAST["tcd"].id,)
        )
    conn.close()
    out = _sandbox(tmp_path, [":chat group", "/mine", ":as tcd", "/mine"], fresh=False)
    park = out[out.index("> /mine\n") : out.index("> :as tcd\n")]
    assert "[bot → Park (private)]" in park and "1 kg methamphetamine" in park, park
    assert "cannot write to you" not in park
    somchai = out[out.index("> :as tcd\n") :]
    assert re.search(
        r"\[bot → SIREN OCU\] .*/mine is answered only in private, and I cannot", somchai
    )


async def test_a_restarted_emulation_knows_the_chats_the_bot_had(siren: Harness) -> None:
    async with FakeBotAPI() as later:
        await reopen_chats(later, siren.db_path)
        for name in ("admin", "coordinator", "kcs", "tcd", "observer"):
            assert later.m_getChat({"chat_id": CAST[name].id}, {})["type"] == "private"
        assert later.m_getChat({"chat_id": GROUP.id}, {})["title"] == "SIREN OCU"
        # Eve never wrote to the bot: Telegram does not let it write to her.
        with pytest.raises(ApiError, match="chat not found"):
            later.m_getChat({"chat_id": CAST["outsider"].id}, {})


async def test_wait_lets_real_time_pass_says_what_arrived_and_refuses_beyond_its_cap(
    siren: Harness, tmp_path: Path
) -> None:
    term = Terminal(siren, tmp_path / "files")
    # Before: nothing printed, and :wait 3600 froze a piped script for 600 s.
    assert "(waited 0.05 s; nothing was sent)" in await term.type(":wait 0.05")
    refused = await term.type(":wait 3600")
    assert "at most 600 s" in refused and "try :wait 600" in refused, refused
    assert "real time" in HELP


@pytest.mark.slow
def test_a_sandbox_that_ends_at_once_ends_quietly(tmp_path: Path) -> None:
    """A script that ends during start-up: the worker, still starting, prints no traceback."""
    # Before: now and then a multiprocessing traceback (SemLock._rebuild: FileNotFoundError)
    # from the worker whose start outlived the sandbox.
    for run, script in enumerate(["", ":help\n", "", ":help\n"]):
        done = subprocess.run(
            [sys.executable, "-m", "bot", "sandbox", "--data", str(tmp_path)]
            + (["--fresh"] if run == 0 else []),
            input=script,
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,  # a bound for a hung run, not a measure
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stdout + done.stderr, done.stderr
        # Start-up takes seconds on a busy machine: it says so before the banner.
        assert done.stdout.startswith("Starting the sandbox…\nOCU bot sandbox:"), done.stdout


async def test_a_link_button_opens_the_bot_s_private_chat_as_telegram_does(
    siren: Harness, tmp_path: Path
) -> None:
    term = Terminal(siren, tmp_path / "files")
    shown = await term.type(":chat group", "/seizure")
    assert "buttons: [1] Report step by step in private" in shown, shown
    shown = await term.type(":press 1")
    # Before: "Telegram would not let you: message … shows no button with callback_data ''".
    assert "would not let you" not in shown and "callback_data" not in shown, shown
    assert "(Telegram opens your private chat with @OcuBot; talking in the private chat)" in shown
    assert term.sandbox.prompt() == "park@private> "
    # The link carries '?start=seizure' (session 16): Telegram sends it as the chat opens, and
    # the step-by-step report asks its first question there.
    assert "(you press Start, which sends /start seizure-SIREN)" in shown, shown
    assert "New report (1/3): what was seized?" in shown, shown


def test_a_link_to_the_bot_carries_its_start_parameter_and_others_are_not_the_bot() -> None:
    assert start_parameter("https://t.me/OcuBot", "OcuBot") == ""
    assert start_parameter("https://t.me/ocubot?start=join-ab12", "OcuBot") == "join-ab12"
    assert start_parameter("tg://resolve?domain=OcuBot&start=x", "OcuBot") == "x"
    assert start_parameter("https://t.me/OtherBot", "OcuBot") is None
    assert start_parameter("https://example.org/OcuBot", "OcuBot") is None


def test_a_sandbox_stopped_by_sigterm_stops_the_bot_and_leaves_nothing_behind(
    tmp_path: Path,
) -> None:
    """`timeout` or a closed terminal ends the sandbox as the end of its input would."""
    run = subprocess.Popen(
        [sys.executable, "-m", "bot", "sandbox", "--data", str(tmp_path), "--fresh"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert run.stdin is not None and run.stdout is not None
    run.stdin.write("/seizure 2kg meth at ICN\n")
    run.stdin.flush()  # the input stays open: the sandbox waits for the next line
    for line in run.stdout:
        if "Recorded report" in line:
            break
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=120)  # a bound for a hung stop, not a measure
    assert run.returncode == 0, err
    # Before: killed outright, with a resource_tracker "5 leaked semaphore objects" warning.
    assert "Warning" not in err and "Traceback" not in err, err
