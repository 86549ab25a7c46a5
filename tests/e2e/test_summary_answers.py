"""/summary and /chart answers as a newcomer reads them: breakdowns, long ones as a file,
future periods, the wording of a group that does not say, the chart's caption."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER
from bot.domain.summary import Dimension
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness

_NAMES = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india")


async def _some_reports(h: Harness) -> None:
    await h.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN via air cargo from TH", GROUP)
    await h.talk.say(TCD_OFFICER, "/seizure 500g cocaine", GROUP)


async def test_by_substance_is_the_default_per_substance_table(siren: Harness) -> None:
    await _some_reports(siren)
    default = await siren.talk.text(COORDINATOR, "/summary")
    by_substance = await siren.talk.text(COORDINATOR, "/summary by substance")
    assert "methamphetamine" in by_substance and "cocaine" in by_substance
    assert by_substance == default


async def test_every_breakdown_help_names_gives_a_table_or_a_refusal(siren: Harness) -> None:
    await _some_reports(siren)
    help_text = await siren.talk.text(COORDINATOR, "/help summary")
    for dimension in Dimension:
        assert dimension.value in help_text
        text = await siren.talk.text(COORDINATOR, f"/summary by {dimension.value}")
        # A table with its lines under it, never a heading alone.
        assert "methamphetamine" in text and "cocaine" in text, (dimension, text)
        assert "▸" in text, (dimension, text)
    refused = await siren.talk.text(COORDINATOR, "/summary by colour")
    assert "not something to break down by" in refused and "e.g. /summary week by origin" in (
        refused
    )
    assert "Substance" not in refused


async def test_a_summary_too_long_for_three_messages_is_one_text_in_a_named_file(
    siren: Harness,
) -> None:
    items = " + ".join(
        f"{n + 1}g {a} {b} dust"
        for n, (a, b) in enumerate((a, b) for a in _NAMES for b in _NAMES[:4])
    )
    for _day in range(12):
        await siren.talk.say(KCS_OFFICER, f"/seizure {items} at ICN", GROUP)
        siren.clock.advance(timedelta(days=1))
    private = FakeChat.private(COORDINATOR)
    cursor = siren.api.cursor(private)
    siren.api.send_text(COORDINATOR, private, "/summary by day")
    document = await cursor.next()
    assert "the whole text is in the file" in document["caption"]
    name = document["document"]["file_name"]
    assert name == "SIREN-summary-all-by-day-20261202-0030Z.txt", name  # not an exercise
    content = siren.api.stored_file(document["document"]["file_id"]).content.decode("utf-8")
    assert content.endswith("\n") and not content.endswith("\n\n")
    assert content.count("Summary · SIREN") == 1, content[:400]
    assert not re.search(r"\(\d+/\d+\)", content)
    assert content.count("Substance ") == 1  # the column heading once, the table unbroken


async def test_a_period_wholly_to_come_says_so_and_calls_no_one_silent(siren: Harness) -> None:
    await _some_reports(siren)
    future = await siren.talk.text(COORDINATOR, "/summary 2026-12-01..2026-12-05")
    assert "Silent" not in future, future
    assert "has not begun yet" in future, future


async def test_a_range_ending_later_counts_silence_only_up_to_today(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    # TCD is silent today (20 Nov); the days after today are not counted against anyone.
    text = await siren.talk.text(COORDINATOR, "/summary 2026-11-20..2026-11-25")
    assert "Silent: TCD" in text, text
    assert "2026-11-20 – 2026-11-25" in text or "20" in text


async def test_groups_that_do_not_say_are_all_not_stated(siren: Harness) -> None:
    await siren.talk.say(TCD_OFFICER, "/seizure 500g cocaine", GROUP)
    for by, words in (
        ("location", "Location not stated"),
        ("transport", "Transport not stated"),
        ("origin", "Origin not stated"),
        ("concealment", "Concealment not stated"),
    ):
        text = await siren.talk.text(COORDINATOR, f"/summary by {by}")
        assert words in text, (by, text)
        assert "not given" not in text


async def test_the_chart_caption_says_what_it_charts(siren: Harness) -> None:
    await _some_reports(siren)
    for asked, words in (
        (
            "/chart week by agency",
            "SIREN · last 7 days by agency — /summary gives the exact figures",
        ),
        ("/chart", "SIREN · whole operation — /summary gives the exact figures"),
    ):
        caption = await chart_caption(siren, asked)
        assert words in caption, caption


async def test_a_substance_filter_does_not_credit_agencies_with_other_seizures(
    siren: Harness,
) -> None:
    await _some_reports(siren)
    heroin = await siren.talk.text(COORDINATOR, "/summary heroin")
    # Before: "Seizures reported: KCS, TCD" under a heroin summary of an operation with none.
    assert "Seizures reported: KCS, TCD" not in heroin, heroin
    assert "Seizures reported (any kind): KCS, TCD" in heroin, heroin
    unfiltered = await siren.talk.text(COORDINATOR, "/summary")
    assert "Seizures reported: KCS, TCD" in unfiltered, unfiltered


async def test_a_day_before_the_operation_began_says_so_and_calls_no_one_silent(
    siren: Harness,
) -> None:
    await _some_reports(siren)
    # No year: the latest 29 February not after today (2026-11-20), 2024's, before SIREN began.
    before = await siren.talk.text(COORDINATOR, "/summary Feb 29")
    assert "2024-02-29" in before, before
    # Before: "No seizures recorded in this period." and "Silent: KCS, TCD" (in 2024).
    assert "No reports dated 2024-02-29, before the operation began on 2026-11-20." in before
    assert "Silent" not in before, before


async def chart_caption(h: Harness, asked: str) -> str:
    """The caption of the chart the coordinator's command brings, past any progress line."""
    private = FakeChat.private(COORDINATOR)
    cursor = h.api.cursor(private)
    h.api.send_text(COORDINATOR, private, asked)
    photo = await cursor.next()
    while "photo" not in photo:
        photo = await cursor.next()
    return str(photo["caption"])
