"""A big breakdown from a real SQLite file, character for character, in English, Korean, Thai.

Written before the summary's text was made cheaper (issue #16): a faster render must send the
very same characters. A change meant to alter the text rewrites the files:
`GOLDEN_WRITE=1 pytest tests/storage/test_summary_golden.py`, then read the diff.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.generate import build
from bot import outbox
from bot.parsing.summary import parse_summary_args
from bot.render.i18n import using
from bot.render.summary import group_label, summary_answer
from storage.database import Database
from storage.summary import load_summary

GOLDEN = Path(__file__).parent.parent / "data" / "summary-golden"
NOW = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)  # the generated operation's last day, noon in Seoul
# (form, what the golden file is called, the fewest table rows it must have)
FORMS = (
    ("by officer", "by-officer", 900),  # cut at a hundred messages' worth, sent as a file
    ("week by officer", "week-by-officer", 300),  # over three messages: sent as a file
    ("agency=A02 by day", "a02-by-day", 150),  # three messages, the column heading repeated
    ("today by officer", "today-by-officer", 60),  # two messages
    # Pinned before the text step was made cheaper again (#16, session 10).
    ("", "whole-operation", 70),  # two messages, no breakdown
    ("by location", "by-location", 900),  # groups cut by storage, sent as a file
    ("by transport", "by-transport", 300),  # a file; transport modes' own words
    ("by agency", "by-agency", 600),  # a file; agencies' names
    ("by day", "by-day", 900),  # a file; each day dated and named in the reader's language
    ("by route", "by-route", 70),  # no report states a route: 'Route not stated'
)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("golden") / "siren.sqlite3"
    build(path, 3000, days=60, seed=16)
    return path


def _received(parts: tuple[str, ...], document: bytes | None) -> str:
    """What the person receives: each message, then the file's text if it went as a file."""
    return "\n=====\n".join([*parts, document.decode("utf-8") if document else ""])


@pytest.mark.parametrize("locale", ["en", "ko", "th"])
@pytest.mark.parametrize(("form", "name", "rows"), FORMS)
async def test_a_big_breakdown_is_sent_as_its_golden_file(
    database: Path, locale: str, form: str, name: str, rows: int
) -> None:
    db = await Database.open(database)
    try:
        with using(locale):
            summary = await load_summary(
                db, operation_id=1, request=parse_summary_args(form), now=NOW, label=group_label
            )
            assert sum(len(g.totals) for g in summary.groups) >= rows
            parts, whole = summary_answer(summary, max_parts=outbox.MAX_PARTS)
            fitted = outbox.fit(parts, filename="summary.txt", whole=whole)
    finally:
        await db.close()
    text = _received(fitted.parts, fitted.document)
    golden = GOLDEN / f"{name}.{locale}.txt"
    if os.environ.get("GOLDEN_WRITE"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
