"""`python -m bot parse`: one JSON answer per message, errors included, exit status 0."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from bot.parse_cli import main

TODAY = date(2026, 11, 25)
ROOT = Path(__file__).resolve().parents[2]


def run(argv: list[str], stdin: str = "") -> tuple[int, list[dict[str, object]]]:
    out = io.StringIO()
    status = main(argv, stdin=io.StringIO(stdin), stdout=out, today=TODAY)
    return status, [json.loads(line) for line in out.getvalue().splitlines()]


def test_text_argument_prints_one_report() -> None:
    status, answers = run(["/seizure 2kg meth at ICN"])
    assert status == 0
    assert answers == [
        {
            "items": [
                {
                    "substance": "methamphetamine",
                    "amount": "2000",
                    "unit": "g",
                    "form": None,
                    "as_written": "2kg meth",
                    "packages": None,
                    "approximate": False,
                    "provisional": False,
                    "gross": None,
                    "corrected_from": None,
                }
            ],
            "location": "ICN",
            "origin": None,
            "destination": None,
            "transport": None,
            "concealment": None,
            "detection": None,
            "reference": None,
            "occurred_on": None,
            "tags": [],
            "note": None,
        }
    ]


def test_unquoted_words_are_one_message() -> None:
    status, answers = run(["300", "yaba", "yesterday"])
    assert status == 0 and len(answers) == 1
    assert answers[0]["items"] == [
        {
            "substance": "methamphetamine",
            "amount": "300",
            "unit": "unit",
            "form": "tablet",
            "as_written": "300 yaba",
            "packages": None,
            "approximate": False,
            "provisional": False,
            "gross": None,
            "corrected_from": None,
        }
    ]
    assert answers[0]["occurred_on"] == "2026-11-24"


def test_an_error_is_an_answer_with_status_zero() -> None:
    status, answers = run(["2 cocaine"])
    assert status == 0
    assert answers == [
        {
            "error": "No unit for 2 cocaine: write it with its unit, "
            "e.g. /seizure 2 kg cocaine or /seizure 2 tablets cocaine"
        }
    ]


def test_stdin_gives_one_answer_per_line_in_order() -> None:
    lines = "/seizure 2kg meth\n/seizure\n15000 ยาบ้า from Laos\r\n2kg zombie dust\n"
    status, answers = run([], stdin=lines)
    assert status == 0 and len(answers) == 4
    assert answers[0]["items"][0]["amount"] == "2000"  # type: ignore[index]
    assert answers[1] == {
        "error": "Nothing to record: write the amount and the substance, e.g. /seizure 2kg meth"
    }
    assert answers[2]["items"][0]["as_written"] == "15000 ยาบ้า"  # type: ignore[index]
    assert answers[2]["origin"] == "LA"
    assert answers[3]["items"][0]["substance_text"] == "zombie dust"  # type: ignore[index]


def test_output_keeps_non_ascii_text_readable() -> None:
    out = io.StringIO()
    main(["2kg 필로폰 note: 확인 필요"], stdin=io.StringIO(), stdout=out, today=TODAY)
    assert "필로폰" in out.getvalue() and "\\u" not in out.getvalue()
    assert json.loads(out.getvalue())["note"] == "확인 필요"


def test_help() -> None:
    out = io.StringIO()
    assert main(["--help"], stdin=io.StringIO(), stdout=out) == 0
    assert out.getvalue().startswith("usage: python -m bot parse [--today YYYY-MM-DD] [TEXT]")


def test_as_a_process_with_todays_date() -> None:
    code = (
        "import sys; from bot.parse_cli import main; "
        "sys.exit(main(sys.argv[1:], stdin=sys.stdin, stdout=sys.stdout))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input="2kg meth yesterday\n-3kg heroin\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert first["occurred_on"] == date.fromordinal(date.today().toordinal() - 1).isoformat()
    assert second == {"error": "Write the amount without a minus sign, e.g. /seizure 3kg heroin"}


def test_today_option_sets_the_operations_date() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "parse", "--today", "2026-11-25", "2kg meth on 20 Nov"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["occurred_on"] == "2026-11-20"
