"""Answering the bot's Record it / Cancel questions as the person asked."""

from __future__ import annotations

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
