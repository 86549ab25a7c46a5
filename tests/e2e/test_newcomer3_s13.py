"""What the third newcomer found (session 13): an agency code among /summary's and /chart's
words, /remind's WHEN in any order and a time alone, and '=' in /alias."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER
from tests.e2e.conftest import Harness
from tests.e2e.test_summary_answers import chart_caption

SEOUL = ZoneInfo("Asia/Seoul")


async def test_an_agency_code_among_the_words_narrows_and_the_rest_is_read(siren: Harness) -> None:
    siren.clock.set(datetime(2026, 12, 1, 10, tzinfo=SEOUL))
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg cocaine at ICN", GROUP)
    await siren.talk.say(TCD_OFFICER, "/seizure 3kg ice at BKK", GROUP)
    wanted = await siren.talk.text(COORDINATOR, "/summary meth agency=KCS")
    assert "2 kg" in wanted and "3 kg" not in wanted and "cocaine" not in wanted, wanted
    for typed in ("/summary KCS meth", "/summary meth kcs", "/summary KCS 필로폰"):
        # Before: "Nothing is recorded as 'KCS meth'".
        assert await siren.talk.text(COORDINATOR, typed) == wanted, typed
    assert await siren.talk.text(COORDINATOR, "/summary today KCS meth") == await siren.talk.text(
        COORDINATOR, "/summary today meth agency=KCS"
    )
    caption = await chart_caption(siren, "/chart KCS meth")
    assert caption == await chart_caption(siren, "/chart meth agency=KCS"), caption


async def test_a_time_alone_is_the_next_such_time_and_says_which_day(siren: Harness) -> None:
    siren.clock.set(datetime(2026, 12, 1, 10, tzinfo=SEOUL))
    # Each its own text: the same reminder twice is refused as a duplicate.
    for n, typed in enumerate(("8pm", "8 pm", "at 8pm", "20:00", "at 20:00", "8:00pm")):
        said = await siren.talk.text(COORDINATOR, f"/remind {typed} submit your nil returns {n}")
        # Before: "Which day? Say today, tomorrow, ..." (and "cannot read '8'" for '8 pm').
        assert "set: once, Tue 01 Dec 2026 20:00 (Asia/Seoul). No day was given: today" in said
        assert "⏰ submit your nil returns" in said, said
    siren.clock.set(datetime(2026, 12, 1, 21, tzinfo=SEOUL))
    said = await siren.talk.text(COORDINATOR, "/remind 8:30pm evening check")
    assert "once, Wed 02 Dec 2026 20:30 (Asia/Seoul). No day was given: tomorrow" in said, said
    (row,) = await siren.rows("SELECT spec FROM reminder WHERE text = 'evening check'")
    assert row["spec"] == "tomorrow 20:30"


async def test_when_s_words_are_read_in_any_order(siren: Harness) -> None:
    siren.clock.set(datetime(2026, 12, 1, 10, tzinfo=SEOUL))
    for n, typed in enumerate(
        ("at 20:00 daily", "20:00 daily", "daily at 8 pm", "8pm daily", "at 8:00 pm daily")
    ):  # each its own text: the same reminder twice is refused as a duplicate
        said = await siren.talk.text(COORDINATOR, f"/remind {typed} check {n}")
        # Before: "I cannot read 'at' as a time".
        assert "set: daily at 20:00 (Asia/Seoul), next Tue 01 Dec 20:00.\n⏰ check" in said, typed
    for n, typed in enumerate(
        ("tomorrow at 8am", "8am tomorrow", "at 8 am tomorrow", "2026-12-02 at 8:00am")
    ):
        said = await siren.talk.text(COORDINATOR, f"/remind {typed} briefing {n}")
        assert "set: once, Wed 02 Dec 2026 08:00 (Asia/Seoul).\n⏰ briefing" in said, typed


async def test_every_example_a_refusal_of_remind_gives_is_accepted(siren: Harness) -> None:
    siren.clock.set(datetime(2026, 12, 1, 10, tzinfo=SEOUL))
    refused = (
        "/remind",
        "/remind 8pm",
        "/remind 25:00 check",
        "/remind at noon check",
        "/remind 2026-12-05 briefing",
        "/remind today 09:00 too late",
        "/remind tomorrow check",
        "/remind in 0m check",
        "/remind today 25:00 check",
    )
    for typed in refused:
        said = await siren.talk.text(COORDINATOR, typed)
        assert "Reminder #" not in said, said
        examples = [
            e.rstrip(".")
            for line in re.findall(r"/remind [^\n]*", said)
            for e in line.split(" or ")
            if e.startswith("/remind")
        ]
        assert examples, said
        for example in examples:
            accepted = await siren.talk.text(COORDINATOR, example)
            assert accepted.startswith("Reminder #"), (typed, example, accepted)
            # Removed: another refusal may give the same example, and a duplicate is refused.
            number = accepted.removeprefix("Reminder #").split(" ")[0]
            await siren.talk.say(COORDINATOR, f"/remind rm {number}")


async def test_an_equals_sign_or_arrow_between_the_words_and_the_substance(
    siren: Harness,
) -> None:
    said = await siren.talk.text(COORDINATOR, "/alias 필로펀= meth")
    # Before: the '=' was taken into the alias: "'필로펀 ='".
    assert said.startswith('"필로펀" now counts as methamphetamine'), said
    arrow = await siren.talk.text(COORDINATOR, "/alias zombie dust -> synthetic_cathinones")
    assert arrow.startswith('"zombie dust" now counts as'), arrow
    assert (await siren.talk.text(COORDINATOR, "/alias snowman→cocaine")).startswith('"snowman"')
    described = await siren.talk.text(COORDINATOR, "/alias 흰색 가루 = cocaine")
    assert "'흰색 가루' only describes" in described, described
