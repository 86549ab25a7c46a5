"""A digest whose reports have very long fields still lists them, the long field cut."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from bot.domain.digest import DigestFacts, RecentReport
from bot.domain.summary import SubstanceTotal
from bot.domain.unit import Agency, Operation
from bot.render.digest import digest_text

SEOUL = "Asia/Seoul"
UNTIL = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)
SIREN = Operation(1, "SIREN", "Operation Siren", SEOUL, False, "08:00", 900, 86400, ("en",))
METH = SubstanceTotal("methamphetamine", "g", None, Decimal(2000), 1)


def facts_with_a_long_location() -> DigestFacts:
    """Reports #2..#4 (#1 voided), #3's location 4,000 characters long."""
    recent = tuple(
        RecentReport(
            n, UNTIL - timedelta(minutes=n), 1, (METH,), "X" * 4000 if n == 3 else "ICN", n
        )
        for n in (4, 3, 2)
    )
    return DigestFacts(
        operation=SIREN,
        since=UNTIL - timedelta(days=1),
        until=UNTIL,
        report_count=3,
        recent=recent,
        recent_totals=(replace(METH, amount=Decimal(6000), cases=3),),
        totals=(replace(METH, amount=Decimal(6000), cases=3),),
        agencies=(Agency(1, 1, "KCS", "Korea Customs Service", SEOUL),),
        reported={1: 3},
        seized=(date(2026, 11, 20), date(2026, 11, 20)),
    )


def test_a_4000_character_location_is_cut_and_every_report_is_listed() -> None:
    text = digest_text(facts_with_a_long_location(), preview=True)
    # Before: no report was listed, and "… and 3 earlier ones: /reports 2026-11-20" followed.
    assert "earlier" not in text
    assert "at ICN (#4)" in text and "at ICN (#2)" in text
    assert f" at {'X' * 79}… (#3)" in text
    assert len(text) <= 3800


def test_a_digest_listing_no_report_does_not_speak_of_earlier_ones() -> None:
    # A budget too small for any report line: the reports are pointed to, not "N earlier".
    text = digest_text(facts_with_a_long_location(), budget=400)
    assert "(#4)" not in text
    assert "earlier" not in text
    assert (
        "The 3 reports: /reports 2026-11-20 (all reports seized on those days, voided too)"
    ) in text
