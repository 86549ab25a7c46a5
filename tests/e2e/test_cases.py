"""/summary's breakdowns and case count, /link and /unlink, and the suggested link's buttons."""

from __future__ import annotations

from datetime import timedelta

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, OBSERVER, TCD_OFFICER
from bot.render import replies as render
from fakegram.types import FakeChat, JSONDict
from tests.e2e.asking import record_it
from tests.e2e.conftest import Harness


def _headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("▸")]


def _buttons(message: JSONDict) -> dict[str, str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def _detailed_reports(h: Harness) -> None:
    say = h.talk.say
    await say(
        KCS_OFFICER,
        "/seizure 2kg meth at ICN from TH to KR via air cargo in suitcase detected by x-ray",
        GROUP,
    )
    await say(
        TCD_OFFICER,
        "/seizure 300 yaba @BKK from Laos to TH via post concealed in Parcel detected by dog",
        GROUP,
    )
    # Before SIREN began (20 Nov): asked about (session 14), and recorded as typed.
    asked = await say(KCS_OFFICER, "/seizure 1kg cocaine at ICN on 2026-11-10", GROUP)
    await record_it(h, KCS_OFFICER, GROUP, asked)


async def test_summary_by_each_new_dimension(siren: Harness) -> None:
    # Countries by name with their code since round 11 (an officer read LA as Los Angeles).
    await siren.talk.say(COORDINATOR, "/phase add operational 2026-11-19 2026-11-25")
    await _detailed_reports(siren)
    text = siren.talk.text
    by_origin = await text(COORDINATOR, "/summary by origin")
    assert _headings(by_origin) == [
        "▸ Laos (LA) · 1 case", "▸ Thailand (TH) · 1 case", "▸ Origin not stated · 1 case",
    ]  # fmt: skip
    by_destination = await text(COORDINATOR, "/summary by destination")
    assert _headings(by_destination) == [
        "▸ South Korea (KR) · 1 case", "▸ Thailand (TH) · 1 case",
        "▸ Destination not stated · 1 case",
    ]  # fmt: skip
    by_route = await text(COORDINATOR, "/summary by route")
    assert _headings(by_route) == [
        "▸ Laos (LA) → Thailand (TH) · 1 case", "▸ Thailand (TH) → South Korea (KR) · 1 case",
        "▸ Route not stated · 1 case",
    ]  # fmt: skip
    lines = by_route.splitlines()
    route = lines.index("▸ Thailand (TH) → South Korea (KR) · 1 case")
    assert lines[route + 1].split() == ["methamphetamine", "2", "kg", "1"]
    by_concealment = await text(COORDINATOR, "/summary by concealment")
    assert _headings(by_concealment) == [
        "▸ parcel · 1 case", "▸ suitcase · 1 case", "▸ Concealment not stated · 1 case",
    ]  # fmt: skip
    by_detection = await text(COORDINATOR, "/summary by detection")
    assert _headings(by_detection) == [
        "▸ detector dog · 1 case", "▸ X-ray / scanner · 1 case", "▸ Detection not stated · 1 case",
    ]  # fmt: skip
    by_transport = await text(COORDINATOR, "/summary by transport")
    assert _headings(by_transport) == [
        "▸ air cargo · 1 case", "▸ postal · 1 case", "▸ Transport not stated · 1 case",
    ]  # fmt: skip
    by_phase = await text(COORDINATOR, "/summary by phase")
    assert _headings(by_phase) == [
        "▸ Phase operational, 2026-11-19 – 2026-11-25 · 2 cases", "▸ Not in a phase · 1 case",
    ]  # fmt: skip
    # A filter narrows a breakdown as it does the others.
    tcd_routes = await text(COORDINATOR, "/summary by route agency=TCD")
    assert _headings(tcd_routes) == ["▸ Laos (LA) → Thailand (TH) · 1 case"]


async def test_a_wrong_dimension_lists_the_valid_ones_with_an_example_that_works(
    siren: Harness,
) -> None:
    await _detailed_reports(siren)
    refused = await siren.talk.text(COORDINATOR, "/summary by colour")
    assert refused == (
        "'colour' is not something to break down by: use agency, location, transport, day, "
        "officer, origin, destination, route, concealment, detection or phase — e.g. "
        "/summary week by origin"
    )
    example = await siren.talk.text(COORDINATOR, "/summary week by origin")
    assert "▸ Thailand (TH) · 1 case" in example
    helped = await siren.talk.text(COORDINATOR, "/help summary")
    assert "Breakdowns: by agency, location, transport, day, officer, origin," in helped
    assert "It counts by seizure date" in helped


async def test_the_case_count_counts_a_mixed_report_once(siren: Harness) -> None:
    # Before: only the per-substance "Cases" column, where this one report counted three times.
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth + 300 yaba + 1kg cocaine at ICN", GROUP)
    await siren.talk.say(TCD_OFFICER, "/seizure 1kg cocaine @BKK", GROUP)
    text = await siren.talk.text(OBSERVER, "/summary")
    assert "Reports: 2, cases: 2" in text.splitlines()
    assert "By seizure date (the day it happened, or was reported if not said)" in text
    rows = [line.split() for line in text.splitlines()]
    assert ["cocaine", "2", "kg", "2"] in rows
    by_agency = await siren.talk.text(OBSERVER, "/summary by agency")
    assert [h.split(" · ")[1] for h in _headings(by_agency)] == ["1 case", "1 case"]
    # A void takes its report out of the count, a restore puts it back.
    await siren.talk.say(COORDINATOR, "/void 2 entered by mistake")
    assert "Reports: 1, cases: 1" in (await siren.talk.text(OBSERVER, "/summary")).splitlines()
    await siren.talk.say(COORDINATOR, "/restore 2 it was right")
    assert "Reports: 2, cases: 2" in (await siren.talk.text(OBSERVER, "/summary")).splitlines()


async def _two_agencies_one_delivery(h: Harness) -> None:
    # Amounts 25 % apart: no suggestion; the coordinator links them by hand.
    await h.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN from TH to KR", GROUP)
    await h.talk.say(TCD_OFFICER, "/seizure 1.5kg meth + 1kg cocaine @BKK from TH to KR", GROUP)


async def test_link_counts_two_reports_once_and_unlink_undoes_it_each_once(
    siren: Harness,
) -> None:
    await _two_agencies_one_delivery(siren)
    private = FakeChat.private(COORDINATOR)
    linked = await siren.talk.text(COORDINATOR, "/link 1 2")
    assert linked.splitlines() == [
        "Reports #1, #2 are one case: counted once in every total, at the largest report's "
        "amount of each substance. Each agency's part:",
        "• #1 KCS: 2 kg methamphetamine",
        "• #2 TCD: 1 kg cocaine, 1.5 kg methamphetamine",
        "Undo with /unlink 2",
    ]
    cursor = siren.api.cursor(private)
    siren.api.redeliver(siren.api.newest_update_id())
    again = str((await cursor.next()).get("text"))
    assert again == linked or "already" in again.lower()
    assert await siren.rows("SELECT count(*) AS n FROM audit_log WHERE action = 'case.link'") == [
        {"n": 1}
    ]
    summary = (await siren.talk.text(COORDINATOR, "/summary")).splitlines()
    assert [line.split() for line in summary if line.startswith("methamphetamine")] == [
        ["methamphetamine", "2", "kg", "1"]  # the largest report's amount, one case
    ]
    # Plain words: how many reports, how many cases, and why they differ.
    assert "Reports: 2, cases: 1 (2 reports linked into 1 case)" in summary
    # The digest's running totals count the case once too.
    digest = (await siren.talk.text(COORDINATOR, "/digest now")).splitlines()
    running = digest[digest.index("Running totals (whole operation, by seizure date)") + 1 :]
    assert ["methamphetamine", "2", "kg", "1", "case"] in [line.split() for line in running]
    # Each agency's part stays in its own group.
    by_agency = await siren.talk.text(COORDINATOR, "/summary by agency")
    rows = [line.split() for line in by_agency.splitlines()]
    assert ["methamphetamine", "2", "kg", "1"] in rows
    assert ["methamphetamine", "1.5", "kg", "1"] in rows

    unlinked = await siren.talk.text(COORDINATOR, "/unlink 2")
    # Both reports count on their own again, and the answer names both (before: "Reports #2").
    assert unlinked == "Reports #1, #2 count as cases of their own again."
    cursor = siren.api.cursor(private)
    siren.api.redeliver(siren.api.newest_update_id())
    await cursor.next()
    assert await siren.rows("SELECT count(*) AS n FROM audit_log WHERE action = 'case.unlink'") == [
        {"n": 1}
    ]
    assert await siren.rows("SELECT count(*) AS n FROM seizure_case") == [{"n": 0}]
    summary = (await siren.talk.text(COORDINATOR, "/summary")).splitlines()
    assert ["methamphetamine", "3.5", "kg", "2"] in [line.split() for line in summary]
    assert "Reports: 2, cases: 2" in summary


async def test_link_and_unlink_refuse_what_they_cannot_do_with_an_example(
    siren: Harness,
) -> None:
    await _two_agencies_one_delivery(siren)
    text = siren.talk.text
    assert (await text(COORDINATOR, "/link 1")) == (
        "Which reports?\nUsage: /link NUMBER NUMBER\nExample: /link 41 42"
    )
    assert (await text(COORDINATOR, "/link 1 99")) == (
        "There is no report #99 in this operation. Example: /link 41 42"
    )
    assert (await text(COORDINATOR, "/link 2 #2")) == "Give two different reports, e.g. /link 2 3"
    assert (await text(COORDINATOR, "/unlink 1")) == (
        "Report #1 is not linked to another report. /link 41 42 links two."
    )
    assert "is not a report number" in await text(COORDINATOR, "/link one two")
    for person in (TCD_OFFICER, OBSERVER):
        assert await text(person, "/link 1 2") == render.plain(render.NOT_ALLOWED)
        assert await text(person, "/unlink 1") == render.plain(render.NOT_ALLOWED)
    assert await siren.rows("SELECT count(*) AS n FROM seizure_case") == [{"n": 0}]


async def _suggested(h: Harness) -> JSONDict:
    await h.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN from TH to KR", GROUP)
    h.clock.advance(timedelta(days=1))
    cursor = h.api.cursor(GROUP)
    h.api.send_text(TCD_OFFICER, GROUP, "/seizure 1.9kg meth @BKK from Thailand to Korea")
    await cursor.next()  # the acknowledgement
    return await cursor.next()


async def test_two_agencies_same_route_and_amount_get_a_suggestion_a_coordinator_decides(
    siren: Harness,
) -> None:
    suggestion = await _suggested(siren)
    assert str(suggestion["text"]).splitlines() == [
        # 'within a few days': "a few days apart" was said of two reports sent seconds apart.
        "Reports #1 and #2 look like one case: two agencies, the same substance and route, "
        "within a few days, amounts within 10 %. A coordinator decides; nothing is linked "
        "until then.",
        "• #1 KCS: 2 kg methamphetamine",
        "• #2 TCD: 1.9 kg methamphetamine",
    ]
    buttons = _buttons(suggestion)
    assert list(buttons) == ["Link", "Not the same"]
    assert await siren.rows("SELECT count(*) AS n FROM seizure_case") == [{"n": 0}]
    # An officer's press is refused, and changes nothing.
    mark = siren.api.mark()
    siren.api.press_button(TCD_OFFICER, GROUP, suggestion["message_id"], buttons["Link"])
    refused = await siren.api.wait_for(lambda c: c.method == "answerCallbackQuery", after=mark)
    assert refused.params.get("show_alert") is True
    assert refused.params.get("text") == render.plain(render.NOT_ALLOWED)
    assert await siren.rows("SELECT count(*) AS n FROM seizure_case") == [{"n": 0}]

    mark = siren.api.mark()
    siren.api.press_button(COORDINATOR, GROUP, suggestion["message_id"], buttons["Link"])
    edited = await siren.api.wait_for_edit(GROUP, message_id=suggestion["message_id"], after=mark)
    assert str(edited["text"]).endswith("Linked: counted once in every total. Undo with /unlink 2")
    assert not _buttons(edited)
    assert await siren.rows("SELECT count(*) AS n FROM seizure_case") == [{"n": 2}]
    # A press on the old button (a second coordinator, or the same press again) is answered.
    mark = siren.api.mark()
    siren.api.press_button(
        COORDINATOR, GROUP, suggestion["message_id"], buttons["Not the same"], check_button=False
    )
    late = await siren.api.wait_for(lambda c: c.method == "answerCallbackQuery", after=mark)
    assert late.params.get("text") == "Already decided: reports #1 and #2 were linked."
    assert await siren.rows("SELECT status FROM link_suggestion") == [{"status": "linked"}]
    summary = await siren.talk.text(COORDINATOR, "/summary")
    assert ["methamphetamine", "2", "kg", "1"] in [line.split() for line in summary.splitlines()]


async def test_not_the_same_keeps_both_reports_and_is_not_asked_again(siren: Harness) -> None:
    suggestion = await _suggested(siren)
    mark = siren.api.mark()
    siren.api.press_button(
        COORDINATOR, GROUP, suggestion["message_id"], _buttons(suggestion)["Not the same"]
    )
    edited = await siren.api.wait_for_edit(GROUP, message_id=suggestion["message_id"], after=mark)
    assert str(edited["text"]).endswith("Not the same case: both count separately.")
    assert await siren.rows("SELECT status FROM link_suggestion") == [{"status": "dismissed"}]
    assert await siren.rows("SELECT count(*) AS n FROM seizure_case") == [{"n": 0}]
    assert await siren.rows(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'case.suggestion'"
    ) == [{"n": 1}]
    summary = await siren.talk.text(COORDINATOR, "/summary")
    assert ["methamphetamine", "3.9", "kg", "2"] in [line.split() for line in summary.splitlines()]


async def test_no_suggestion_for_the_same_agency_or_another_route(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN from TH to KR", GROUP)
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN from TH to KR ref second", GROUP)
    await siren.talk.say(TCD_OFFICER, "/seizure 2kg meth @BKK from LA to KR", GROUP)
    await siren.talk.say(TCD_OFFICER, "/seizure 3kg meth @BKK from TH to KR", GROUP)
    await siren.talk.say(COORDINATOR, "/summary", GROUP)  # updates are handled in order
    assert await siren.rows("SELECT count(*) AS n FROM link_suggestion") == [{"n": 0}]


async def test_a_breakdowns_unclassified_items_stand_apart_from_the_substance_above(
    siren: Harness,
) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth + 1kg zombie dust at ICN", GROUP)
    lines = (await siren.talk.text(COORDINATOR, "/summary by agency")).splitlines()
    at = lines.index("Unclassified:")
    # Before: "Unclassified:" ran straight on from the methamphetamine line of the group.
    assert lines[at - 1] == ""
    assert lines[at - 2].split()[:3] == ["methamphetamine", "2", "kg"]
    assert lines[at - 3].startswith("▸ KCS")


async def test_summary_by_agency_says_why_a_linked_case_shows_under_both_agencies(
    siren: Harness,
) -> None:
    """A newcomer's review (session 16): after /link, '/summary by agency' showed groups adding
    up to more cases and kilograms than its header, with no word of why."""
    await siren.talk.say(KCS_OFFICER, "/seizure 1.5kg cocaine at ICN", GROUP)
    await siren.talk.say(TCD_OFFICER, "/seizure 2kg cocaine at BKK", GROUP)
    assert "are one case" in await siren.talk.text(COORDINATOR, "/link 1 2")
    note = "A linked case whose reports fall in different groups shows in each"
    by_agency = await siren.talk.text(COORDINATOR, "/summary by agency")
    assert note in by_agency, by_agency
    assert note not in await siren.talk.text(COORDINATOR, "/summary")


async def test_summary_by_day_says_why_a_case_linked_across_days_shows_twice(
    siren: Harness,
) -> None:
    """A second newcomer's review (session 16): a case whose reports fall on two days (or in two
    phases) counted in both, under a header counting it once, with no word of why."""
    await siren.talk.say(KCS_OFFICER, "/seizure 800g cocaine at PUS", GROUP)
    siren.clock.advance(timedelta(days=1))
    await siren.talk.say(TCD_OFFICER, "/seizure 2kg cocaine at BKK", GROUP)
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg heroin at ICN", GROUP)
    assert "are one case" in await siren.talk.text(COORDINATOR, "/link 1 2")
    note = "A linked case whose reports fall in different groups shows in each"
    by_day = await siren.talk.text(COORDINATOR, "/summary by day")
    assert "cases: 2" in by_day and note in by_day, by_day
    # The heroin report alone on its day, the case on one: no note where nothing is counted twice.
    assert note not in await siren.talk.text(COORDINATOR, "/summary heroin by day")
