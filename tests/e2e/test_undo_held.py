"""/undo after a message that recorded nothing because the bot asked first, or while a report is
entered step by step: it voids nothing, and takes the question back (review round 1, adversary).

Each failed on the code before it: /undo voided the officer's previous, correct report.
"""

from __future__ import annotations

from bot.demo import GROUP, KCS_OFFICER
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness

PRIVATE = FakeChat.private(KCS_OFFICER)

TAKEN_BACK = (
    "Nothing was recorded: /undo took back my question above (as /cancel does) and voids "
    "nothing else. "
)
LATEST = (
    "Your latest recorded report is #1: {item}. To void that one, press Undo under its "
    "acknowledgement, or give its number and a reason, e.g. /void 1 entered twice"
)


async def _voided(h: Harness) -> list[object]:
    return [r["voided_at"] for r in await h.rows("SELECT voided_at FROM seizure ORDER BY id")]


async def test_undo_after_an_outsized_amount_takes_the_question_back(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    asked = await siren.talk.say(KCS_OFFICER, "/seizure 9000kg heroin at ICN", GROUP)
    assert "Record it" in str(asked.get("reply_markup")), asked
    said = await siren.talk.text(KCS_OFFICER, "/undo", GROUP)
    # Before: "❌ Report SIREN #1 voided (undone by its author)", the correct report before.
    assert said.startswith(TAKEN_BACK), said
    assert said.endswith(LATEST.format(item="2 kg methamphetamine")), said
    assert await _voided(siren) == [None]
    assert await siren.rows("SELECT kind FROM question") == []


async def test_undo_after_a_report_sent_twice_voids_nothing(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg coke at ICN", GROUP)
    again = await siren.talk.text(KCS_OFFICER, "/seizure 1kg coke at ICN", GROUP)
    assert "Record it again as a separate seizure?" in again, again
    said = await siren.talk.text(KCS_OFFICER, "/undo", GROUP)
    assert said.startswith(TAKEN_BACK), said
    assert await _voided(siren) == [None]


async def test_undo_after_a_plain_line_offered_as_a_report_voids_nothing(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg heroin at ICN", PRIVATE)
    offer = await siren.talk.text(KCS_OFFICER, "hello 2kg meth at ICN", PRIVATE)
    assert "/seizure" in offer, offer
    said = await siren.talk.text(KCS_OFFICER, "/undo", PRIVATE)
    assert said.startswith(TAKEN_BACK), said
    assert said.endswith(LATEST.format(item="1 kg heroin")), said
    assert await _voided(siren) == [None]
    # A report recorded after it is the latest again: /undo voids that one.
    await siren.talk.say(KCS_OFFICER, "/seizure 3kg ketamine at ICN", PRIVATE)
    voided = await siren.talk.text(KCS_OFFICER, "/undo", PRIVATE)
    assert "#2" in voided and "voided" in voided, voided
    assert await _voided(siren) != [None, None]


async def test_undo_after_cancel_pressed_still_voids_nothing(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    await siren.talk.say(KCS_OFFICER, "/seizure 9000kg heroin at ICN", GROUP)
    await siren.talk.text(KCS_OFFICER, "/cancel", GROUP)
    said = await siren.talk.text(KCS_OFFICER, "/undo", GROUP)
    assert said.startswith(
        "Nothing was recorded from your last message (I asked you about it first), so /undo "
        "voids nothing. "
    ), said
    assert await _voided(siren) == [None]


async def test_undo_during_a_report_step_by_step_voids_nothing(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg heroin at ICN", PRIVATE)
    first = await siren.talk.say(KCS_OFFICER, "/seizure", PRIVATE)
    assert first["text"].startswith("New report (1/3)"), first
    said = await siren.talk.text(KCS_OFFICER, "/undo", PRIVATE)
    # Before: "❌ Report SIREN #1 voided", the finished report before the open one.
    assert said == (
        "Your report in progress (step by step) is not recorded yet, so /undo voids nothing. "
        "To drop it, send /cancel; to finish it, answer the question above."
    )
    assert await _voided(siren) == [None]
    assert len(await siren.rows("SELECT step FROM report_draft")) == 1
