"""'/phase edit NAME end DATE' moves one end and keeps the other (newcomer review, session 17):
'end' was read as part of the name, and the example given back,
'/phase edit Operational end 2026-12-01 2026-12-14', failed again when typed. The harness's
day is Fri 20 Nov 2026 in Seoul."""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP
from tests.e2e.conftest import Harness


async def test_one_end_of_a_phase_moves_and_the_other_stays(siren: Harness) -> None:
    added = await siren.talk.text(
        COORDINATOR, "/phase add Operational 2026-11-23 2026-12-14", GROUP
    )
    assert "Added phase Operational: Mon 23 Nov – Mon 14 Dec" in added, added
    moved = await siren.talk.text(COORDINATOR, "/phase edit Operational end 2026-12-21", GROUP)
    assert "Moved phase Operational: Mon 23 Nov – Mon 21 Dec" in moved, moved
    moved = await siren.talk.text(COORDINATOR, "/phase edit operational start 2026-11-25", GROUP)
    assert "Moved phase Operational: Wed 25 Nov – Mon 21 Dec" in moved, moved
    rows = await siren.rows("SELECT name, starts_at, ends_at FROM phase WHERE removed_at IS NULL")
    assert rows == [
        {
            "name": "Operational",
            "starts_at": "2026-11-24T15:00:00+00:00",
            "ends_at": "2026-12-21T15:00:00+00:00",
        }
    ]


async def test_one_end_without_its_day_gets_an_example_that_works(siren: Harness) -> None:
    await siren.talk.say(COORDINATOR, "/phase add Operational 2026-11-23 2026-12-14", GROUP)
    said = await siren.talk.text(COORDINATOR, "/phase edit Operational end", GROUP)
    example = "/phase edit Operational 2026-12-01 2026-12-14"
    assert example in said and " end 2026" not in said, said
    assert "Moved phase Operational" in await siren.talk.text(COORDINATOR, example, GROUP)


async def test_a_phase_whose_name_holds_end_is_edited_whole(siren: Harness) -> None:
    # Adversary review, round 2: 'Weekend end' could no longer be edited at all: 'end' was taken
    # for the one-end form.
    await siren.talk.say(COORDINATOR, "/phase add Weekend end 2026-11-26 2026-11-30", GROUP)
    moved = await siren.talk.text(
        COORDINATOR, "/phase edit Weekend end 2026-11-27 2026-11-30", GROUP
    )
    assert "Moved phase Weekend end: Fri 27 Nov – Mon 30 Nov" in moved, moved


async def test_one_end_moves_for_a_phase_whose_name_holds_end_or_start(siren: Harness) -> None:
    # Round 3: 'End game end DATE' and 'Weekend end end DATE' were refused, and the example
    # given back ('/phase edit End game end 2026-12-01 2026-12-14') failed again.
    await siren.talk.say(COORDINATOR, "/phase add End game 2026-12-20 2026-12-24", GROUP)
    await siren.talk.say(COORDINATOR, "/phase add Weekend end 2026-11-26 2026-11-30", GROUP)
    moved = await siren.talk.text(COORDINATOR, "/phase edit End game end 2026-12-26", GROUP)
    assert "Moved phase End game: Sun 20 Dec – Sat 26 Dec" in moved, moved
    moved = await siren.talk.text(COORDINATOR, "/phase edit Weekend end end 2026-12-01", GROUP)
    assert "Moved phase Weekend end: Thu 26 Nov – Tue 01 Dec" in moved, moved


async def test_one_end_is_named_as_people_say_it(siren: Harness) -> None:
    # Session 18: '/phase edit Surge finish 2026-12-20' was read as a phase 'Surge finish' with
    # one date, and the example given back named that phase, which does not exist.
    await siren.talk.say(COORDINATOR, "/phase add Surge 2026-11-23 2026-12-14", GROUP)
    for typed, said in (
        ("/phase edit Surge finish 2026-12-20", "Moved phase Surge: Mon 23 Nov – Sun 20 Dec"),
        ("/phase edit Surge begins 2026-11-24", "Moved phase Surge: Tue 24 Nov – Sun 20 Dec"),
        ("/phase edit Surge 종료 2026-12-21", "Moved phase Surge: Tue 24 Nov – Mon 21 Dec"),
        ("/phase edit Surge เริ่ม 2026-11-25", "Moved phase Surge: Wed 25 Nov – Mon 21 Dec"),
    ):
        moved = await siren.talk.text(COORDINATOR, typed, GROUP)
        assert said in moved, (typed, moved)
