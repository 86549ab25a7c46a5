"""Killed between what the bot recorded and what it sent: on restart it is whole, said once.

The bot runs as its own process and is killed (SIGKILL) at one chosen Bot API call, before or
after Telegram acts on it; started again, it takes the update up from its inbox. Each case failed
on the code before it:

- a typed report's acknowledgement posted, the bot killed before it wrote down its message id:
  the update taken up again was acknowledged a second time, with a second Undo button;
- Record it of a step-by-step report, killed as the press was answered: the confirmed draft had
  been taken in a transaction of its own and the report was never recorded ("expired");
- Record it, killed once the confirmation had become the acknowledgement: the report never
  learnt that message, so a void or a correction could not show on it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.demo import KCS_OFFICER, Conversation, set_up_demo
from bot.render.replies import REPEATED
from fakegram.types import FakeChat, JSONDict
from tests.reliability.invariants import database_problems, read
from tests.reliability.process import BotProcess, WatchedBotAPI, write_config

PRIVATE = FakeChat.private(KCS_OFFICER)
RECORDED = "✅ Recorded report SIREN #1 for KCS"


def _buttons(message: JSONDict) -> dict[str, str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def _start(api: WatchedBotAPI, bot: BotProcess) -> None:
    mark = api.mark()
    await bot.start()
    await api.wait_for(lambda c: c.method == "getUpdates", after=mark, timeout=60)


def _kill_at(api: WatchedBotAPI, bot: BotProcess, method: str, *, after_effect: bool) -> None:
    """Kill the bot at its next `method` call in the officer's private chat, once."""

    def hook(called: str, params: JSONDict) -> bool:
        if called != method or str(params.get("chat_id", PRIVATE.id)) != str(PRIVATE.id):
            return False
        for hooks in (api.before, api.after):
            if hook in hooks:
                hooks.remove(hook)
        bot.kill()
        return True

    (api.after if after_effect else api.before).append(hook)


async def _taken_up(api: WatchedBotAPI, bot: BotProcess, db: Path) -> None:
    """Restart the bot and wait until every update it kept or Telegram held was handled."""
    await bot.wait_exit(30)
    mark = api.mark()
    await _start(api, bot)
    await api.wait_for(
        lambda c: (
            c.method == "getUpdates"
            and api.pending_update_count == 0
            and not read(db, "SELECT 1 FROM update_inbox WHERE handled_at IS NULL")
        ),
        after=mark,
        timeout=60,
    )


def _acks_sent(api: WatchedBotAPI) -> list[JSONDict]:
    return [
        c.result
        for c in api.calls
        if c.method == "sendMessage"
        and c.delivered
        and "undo:" in str(c.params.get("reply_markup"))
    ]


async def _guided_to_confirm(talk: Conversation, api: WatchedBotAPI) -> tuple[JSONDict, JSONDict]:
    """/seizure alone, answered up to Record it: the officer's message and the confirmation."""
    cursor = api.cursor(PRIVATE)
    began = api.send_text(KCS_OFFICER, PRIVATE, "/seizure")
    first = await cursor.next(timeout=30)
    cursor = api.cursor(PRIVATE)
    api.press_button(KCS_OFFICER, PRIVATE, first["message_id"], "draft:sub:0")
    await cursor.next(timeout=30)
    unit = await talk.say(KCS_OFFICER, "2")
    cursor = api.cursor(PRIVATE)
    api.press_button(KCS_OFFICER, PRIVATE, unit["message_id"], _buttons(unit)["kg"])
    await cursor.next(timeout=30)
    confirm = await talk.say(KCS_OFFICER, "ICN")
    return began, confirm


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_an_acknowledgement_posted_before_a_kill_is_not_posted_again(tmp_path: Path) -> None:
    async with WatchedBotAPI() as api:
        bot = BotProcess(write_config(tmp_path, api), tmp_path / "logs")
        db = tmp_path / "ocu.sqlite3"
        try:
            await _start(api, bot)
            talk = Conversation(api, timeout=30)
            await set_up_demo(talk, exercise=False)
            _kill_at(api, bot, "sendMessage", after_effect=True)
            cursor = api.cursor(PRIVATE)
            api.send_text(KCS_OFFICER, PRIVATE, "/seizure 2kg meth at ICN")
            ack = await cursor.next(timeout=30)
            assert str(ack["text"]).startswith(RECORDED)
            await _taken_up(api, bot, db)
            # The update taken up again is told it was done; no second acknowledgement.
            assert (await cursor.next(timeout=30))["text"] == REPEATED
            assert [a["message_id"] for a in _acks_sent(api)] == [ack["message_id"]]
            assert len(read(db, "SELECT id FROM seizure")) == 1
            assert await bot.stop() == 0
        finally:
            if bot.running:
                bot.kill()
        assert await database_problems(db) == []


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
@pytest.mark.parametrize(
    ("method", "after_effect"),
    [("answerCallbackQuery", False), ("editMessageText", True)],
    ids=["as-the-press-is-answered", "once-the-acknowledgement-shows"],
)
async def test_record_it_killed_leaves_the_step_by_step_report_whole(
    tmp_path: Path, method: str, after_effect: bool
) -> None:
    async with WatchedBotAPI() as api:
        bot = BotProcess(write_config(tmp_path, api), tmp_path / "logs")
        db = tmp_path / "ocu.sqlite3"
        try:
            await _start(api, bot)
            talk = Conversation(api, timeout=30)
            await set_up_demo(talk, exercise=False)
            began, confirm = await _guided_to_confirm(talk, api)
            _kill_at(api, bot, method, after_effect=after_effect)
            api.press_button(KCS_OFFICER, PRIVATE, confirm["message_id"], "draft:rec")
            await _taken_up(api, bot, db)
            # One report, its draft gone, its first message and its acknowledgement known.
            rows = read(db, "SELECT id, number, text, reply_chat_id, reply_message_id FROM seizure")
            assert [(r["number"], r["text"]) for r in rows] == [(1, "/seizure 2 kg meth at ICN")]
            assert (rows[0]["reply_chat_id"], rows[0]["reply_message_id"]) == (
                PRIVATE.id,
                confirm["message_id"],
            )
            assert read(db, "SELECT seizure_id FROM guided_start WHERE message_id = ?",
                        (began["message_id"],)) == [{"seizure_id": rows[0]["id"]}]  # fmt: skip
            assert read(db, "SELECT user_id FROM report_draft") == []
            [shown] = [
                m for m in api.sent_messages(PRIVATE) if m["message_id"] == confirm["message_id"]
            ]
            assert str(shown["text"]).startswith(RECORDED), shown["text"]
            assert await bot.stop() == 0
        finally:
            if bot.running:
                bot.kill()
        assert await database_problems(db) == []
