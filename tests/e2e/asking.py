"""Answering the bot's Record it / Cancel questions as the person asked."""

from __future__ import annotations

from datetime import datetime

from fakegram.types import FakeChat, FakeUser, JSONDict
from tests.e2e.conftest import Harness


def button(message: JSONDict, label: str) -> str:
    """The callback data of the button labelled `label` under a bot message."""
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return str(next(b["callback_data"] for row in rows for b in row if b["text"] == label))


async def record_it(h: Harness, user: FakeUser, chat: FakeChat, asked: JSONDict) -> str:
    """Press Record it under a question; the text the question became (the acknowledgement)."""
    mark = h.api.mark()
    h.api.press_button(user, chat, asked["message_id"], button(asked, "Record it"))
    edited = await h.api.wait_for_edit(chat, message_id=asked["message_id"], after=mark)
    return str(edited["text"])


async def reported(h: Harness, user: FakeUser, text: str, chat: FakeChat) -> str:
    """Send a report and, if it is asked about as dated before the operation began (which it
    is, whatever the form of its day, since session 14), press Record it; the acknowledgement.
    For tests whose reports are dated early on purpose, about something else."""
    said = await h.talk.say(user, text, chat)
    if str(said.get("text", "")).startswith("⚠️ The report is dated"):
        return await record_it(h, user, chat, said)
    return str(said.get("text", ""))


async def moved(h: Harness, user: FakeUser, chat: FakeChat, code: str) -> str:
    """/bind CODE in a group of another operation, and Move it pressed: what the question became
    (since session 14 a bound group is moved only once asked)."""
    asked = await h.talk.say(user, f"/bind {code}", chat)
    mark = h.api.mark()
    h.api.press_button(user, chat, asked["message_id"], button(asked, "Move it"))
    edited = await h.api.wait_for_edit(chat, message_id=asked["message_id"], after=mark)
    return str(edited["text"])


async def announced_at(h: Harness, when: datetime, chat: FakeChat) -> list[str]:
    """Set the clock to `when`, run what falls due, and the phase starts said in `chat`."""
    scheduler = h.app.bot_data.scheduler
    assert scheduler is not None
    h.clock.set(when)
    await scheduler.run_due()
    return [
        str(m.get("text")) for m in h.api.sent_messages(chat) if "begins now" in str(m.get("text"))
    ]
