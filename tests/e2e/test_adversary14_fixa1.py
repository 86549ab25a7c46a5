"""What an adversary found in review round 1 (session 14): buttons, /help, plurals, reminders."""

from __future__ import annotations

import asyncio

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness


async def _pressed(h: Harness, data: str) -> str:
    """A press with `data` under the officer's last message; the alert shown, once handled."""
    chat = FakeChat.private(KCS_OFFICER)
    await h.talk.say(KCS_OFFICER, "/language", chat)
    message_id = h.api.sent_messages(chat)[-1]["message_id"]
    mark = h.api.mark()
    query = h.api.press_button(KCS_OFFICER, chat, message_id, data, check_button=False)
    await h.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query,
        after=mark,
    )
    await asyncio.wait_for(h.app.update_queue.join(), 30)
    return str(h.api.callback_answers[query].get("text") or "")


async def test_a_button_with_empty_data_is_an_old_button(siren: Harness) -> None:
    # Before: PTB hands empty data to every pattern's handler, and the /language button's
    # refusal ("Send /language to choose again") answered it.
    assert await _pressed(siren, "") == "This button is no longer active."
    assert await _pressed(siren, "nonsense:1") == "This button is no longer active."


async def test_help_of_another_roles_command_shows_it_and_who_may_use_it(siren: Harness) -> None:
    # Before: "/export is not one of your commands", where the spec says every command
    # answers /help COMMAND.
    shown = await siren.talk.text(KCS_OFFICER, "/help export")
    assert shown == (
        "/export — every report as a file (sent to you privately)\n"
        "Usage: /export [csv|xlsx]\nExample: /export xlsx\n"
        "Only coordinators may use /export."
    )
    assert (await siren.talk.text(COORDINATOR, "/help mine")).endswith(
        "Only officers may use /mine."
    )
    assert "Only" not in await siren.talk.text(COORDINATOR, "/help export", GROUP)
