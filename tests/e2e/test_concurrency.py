"""One slow command never holds up another chat; a chat's own commands still go in order."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import Update
from telegram.ext import ContextTypes, TypeHandler

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER
from bot.ordered import PerChatProcessor, order_keys
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness
from tests.storage.seed import Seed, meth


class Gate:
    """Holds the first update whose text is `hold_text` until released; records what entered."""

    def __init__(self, hold_text: str) -> None:
        self.hold_text = hold_text
        self.held = asyncio.Event()
        self.release = asyncio.Event()
        self.entered: list[tuple[int, str]] = []

    async def __call__(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or not message.text or update.effective_user is None:
            return
        self.entered.append((update.effective_user.id, message.text))
        if message.text == self.hold_text and not self.held.is_set():
            self.held.set()
            await self.release.wait()


@asynccontextmanager
async def gated(h: Harness, hold_text: str) -> AsyncIterator[Gate]:
    """A handler before every other that can hold one update; always released at the end."""
    gate = Gate(hold_text)
    handler = TypeHandler(Update, gate)
    h.app.add_handler(handler, group=-1)
    try:
        yield gate
    finally:
        gate.release.set()  # a failed test must not leave the bot waiting at its stop
        h.app.remove_handler(handler, group=-1)


async def test_an_officer_is_answered_while_another_chat_is_busy(siren: Harness) -> None:
    coordinator = FakeChat.private(COORDINATOR)
    answers = siren.api.cursor(coordinator)
    async with gated(siren, "/summary") as gate:
        siren.api.send_text(COORDINATOR, coordinator, "/summary")
        await asyncio.wait_for(gate.held.wait(), 15)
        # The coordinator's next command waits for their first; the officer does not.
        siren.api.send_text(COORDINATOR, coordinator, "/help")
        reply = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN")
        assert reply["text"].startswith("✅ Recorded report SIREN #1 for KCS")
        assert (COORDINATOR.id, "/help") not in gate.entered
        gate.release.set()
        summary = await answers.next(timeout=15)
        help_text = await answers.next(timeout=15)
    assert "SIREN" in summary["text"] and "methamphetamine" in summary["text"]
    assert "/help COMMAND" in help_text["text"]
    assert gate.entered[:3] == [
        (COORDINATOR.id, "/summary"),
        (KCS_OFFICER.id, "/seizure 2kg meth at ICN"),
        (COORDINATOR.id, "/help"),
    ]


async def test_one_persons_reports_in_two_chats_keep_their_order(siren: Harness) -> None:
    # The officer reports in the group, then in private: the second waits for the first,
    # while another officer in the same group is not held up by either.
    private = FakeChat.private(KCS_OFFICER)
    in_private = siren.api.cursor(private)
    in_group = siren.api.cursor(GROUP)
    async with gated(siren, "/seizure 1kg meth at ICN") as gate:
        siren.api.send_text(KCS_OFFICER, GROUP, "/seizure 1kg meth at ICN")
        await asyncio.wait_for(gate.held.wait(), 15)
        siren.api.send_text(KCS_OFFICER, private, "/seizure 3kg meth at ICN")
        thai = await siren.talk.say(TCD_OFFICER, "/seizure 5kg meth at BKK")
        assert thai["text"].startswith("✅ Recorded report SIREN #1 for TCD")
        assert (KCS_OFFICER.id, "/seizure 3kg meth at ICN") not in gate.entered
        gate.release.set()
        first = await in_group.next(timeout=15)
        second = await in_private.next(timeout=15)
    assert first["text"].startswith("✅ Recorded report SIREN #2 for KCS")
    assert second["text"].startswith("✅ Recorded report SIREN #3 for KCS")
    numbers = await siren.rows("SELECT number, text FROM seizure ORDER BY number")
    assert [r["text"] for r in numbers] == [
        "/seizure 5kg meth at BKK",
        "/seizure 1kg meth at ICN",
        "/seizure 3kg meth at ICN",
    ]


async def test_a_void_typed_after_a_correction_takes_out_the_corrected_report(
    siren: Harness,
) -> None:
    # The officer corrects a report in the group; the coordinator, in private, voids it just
    # after. One at a time the void found the correction done; side by side it overtook it, and
    # the correction was refused as "voided" (the crash test's lost edit). Now it waits.
    in_group = siren.api.cursor(GROUP)
    typed = siren.api.send_text(KCS_OFFICER, GROUP, "/seizure 2kg meth at ICN ref CR-1")
    assert (await in_group.next())["text"].startswith("✅ Recorded report SIREN #1")
    coordinator = FakeChat.private(COORDINATOR)
    to_coordinator = siren.api.cursor(coordinator)
    processor = siren.app.update_processor
    assert isinstance(processor, PerChatProcessor)
    async with gated(siren, "/seizure 3kg meth at ICN ref CR-E1") as gate:
        siren.api.edit_text(KCS_OFFICER, GROUP, typed["message_id"], gate.hold_text)
        await asyncio.wait_for(gate.held.wait(), 15)  # the correction is under way
        siren.api.send_text(COORDINATOR, coordinator, "/void 1 duplicate")
        answered = asyncio.ensure_future(to_coordinator.next(timeout=15))
        behind = asyncio.ensure_future(processor.until_waiting(1))
        # Either the void overtook the correction (answered) or it waits behind it.
        done, _ = await asyncio.wait({answered, behind}, return_when=asyncio.FIRST_COMPLETED)
        behind.cancel()
        assert behind in done, answered.result().get("text")
        gate.release.set()
        voided = await answered
    assert "voided" in voided["text"]
    rows = await siren.rows("SELECT text, voided_at FROM seizure")
    assert [r["text"] for r in rows] == ["/seizure 3kg meth at ICN ref CR-E1"]
    assert rows[0]["voided_at"] is not None
    actions = await siren.rows(
        "SELECT action FROM audit_log WHERE action LIKE 'seizure.%' ORDER BY id"
    )
    assert [r["action"] for r in actions] == ["seizure.report", "seizure.correct", "seizure.void"]


def test_an_update_waits_in_its_chats_line_and_its_senders() -> None:
    update = Update.de_json(
        {
            "update_id": 1,
            "message": {
                "message_id": 5,
                "date": 0,
                "chat": {"id": GROUP.id, "type": "supergroup", "title": "SIREN OCU"},
                "from": {"id": KCS_OFFICER.id, "is_bot": False, "first_name": "Park"},
                "text": "/seizure 1kg meth",
            },
        },
        None,
    )
    assert order_keys(update) == (("chat", GROUP.id), ("user", KCS_OFFICER.id))
    assert order_keys(object()) == ()


async def test_a_summary_by_location_of_hundreds_of_places_is_one_file(siren: Harness) -> None:
    # Telegram's 30 messages a second are everyone's: not a dozen messages for one question.
    [kcs] = await siren.rows("SELECT id FROM agency WHERE code = 'KCS'")
    seed = Seed(siren.db, operation_id=1)
    for n in range(400):
        await seed.report(
            meth(f"{n + 1}000"), officer=KCS_OFFICER.id, agency=int(kcs["id"]), location=f"PORT{n}"
        )
    mark = siren.api.mark()
    reply = await siren.talk.say(COORDINATOR, "/summary all by location")
    assert "Too long for 3 messages: the whole text is in the file." in reply["caption"]
    to_them = [
        c
        for c in siren.api.calls[mark:]
        if c.method.startswith("send")
        and c.params.get("chat_id") in (COORDINATOR.id, str(COORDINATOR.id))
    ]
    assert [c.method for c in to_them] == ["sendDocument"]
    content = next(iter(to_them[0].files.values())).content.decode("utf-8")
    assert "PORT0" in content and "PORT399" in content
