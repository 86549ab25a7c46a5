"""Webhook mode: `python -m bot run` with mode = "webhook", Telegram posting each update to it.

The emulation delivers updates to the URL the bot registers with setWebhook, with the secret
token, as Telegram does; the bot runs as its own process, as deployed.
"""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from bot.demo import KCS_OFFICER, Conversation, set_up_demo
from bot.render.replies import REPEATED
from fakegram.server import Call, FakeBotAPI
from fakegram.types import FakeChat
from tests.reliability.process import BotProcess, write_config

SECRET = "s3cret-Token_for-tests"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _webhook_config(port: int) -> str:
    return (
        'mode = "webhook"\n'
        "[telegram.webhook]\n"
        'listen = "127.0.0.1"\n'
        f"port = {port}\n"
        f'url = "http://127.0.0.1:{port}/hook"\n'
        'url_path = "hook"\n'
        f'secret_token = "{SECRET}"\n'
    )


@dataclass
class _Hooked:
    api: FakeBotAPI
    talk: Conversation
    port: int
    registered: Call  # the bot's setWebhook


@asynccontextmanager
async def _webhook_bot(tmp_path: Path) -> AsyncIterator[_Hooked]:
    """The bot as its own process in webhook mode, the demo set up; stopped cleanly after."""
    port = _free_port()
    async with FakeBotAPI() as api:
        config = write_config(tmp_path, api, telegram=_webhook_config(port))
        bot = BotProcess(config, tmp_path / "logs")
        await bot.start()
        try:
            registered = await api.wait_for(lambda c: c.method == "setWebhook", timeout=60)
            talk = Conversation(api, timeout=30)
            await set_up_demo(talk, exercise=False)
            yield _Hooked(api, talk, port, registered)
        finally:
            assert await bot.stop() == 0


async def test_reports_arrive_through_the_webhook_and_a_redelivery_records_once(
    tmp_path: Path,
) -> None:
    async with _webhook_bot(tmp_path) as hooked:
        api, talk, port = hooked.api, hooked.talk, hooked.port
        assert hooked.registered.params["url"] == f"http://127.0.0.1:{port}/hook"
        assert hooked.registered.params["secret_token"] == SECRET
        reply = await talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN")
        assert reply["text"].startswith("✅ Recorded report SIREN #1 for KCS")
        # Every update came by the webhook and was accepted; nobody polled. (A post made
        # before the bot's server listened is made again, as Telegram does.)
        accepted = [update_id for update_id, status in api.webhook_posts if status == 200]
        assert sorted(accepted) == sorted(api._updates_by_id)
        assert {status for _, status in api.webhook_posts} <= {0, 200}
        assert not [c for c in api.calls if c.method == "getUpdates"]
        # Telegram posts an update again when it is not sure it arrived: recorded once.
        cursor = api.cursor(FakeChat.private(KCS_OFFICER))
        api.redeliver(max(api._updates_by_id))
        again = await cursor.next(timeout=30)
        assert again["text"] == REPEATED  # acknowledged once, with one Undo button
        # A post without the secret token is refused by the bot's server, and changes nothing.
        async with aiohttp.ClientSession() as session:
            forged = {"update_id": 999_999, "message": reply}
            async with session.post(f"http://127.0.0.1:{port}/hook", json=forged) as answer:
                assert answer.status == 403
    with sqlite3.connect(tmp_path / "ocu.sqlite3") as conn:
        rows = conn.execute("SELECT text FROM seizure").fetchall()
    assert rows == [("/seizure 2kg meth at ICN",)]


async def test_an_update_this_ptb_cannot_read_is_acknowledged_and_the_next_is_answered(
    tmp_path: Path,
) -> None:
    # A poll as Bot API servers before 9.6 describe it: PTB 22 cannot read it. Polling skips
    # it (tests/e2e/test_what_groups_send.py); before, the webhook answered it 400, Telegram
    # posted it again and again, and no update after it was ever delivered.
    poll = {
        "id": "5000000001",
        "question": "Lunch?",
        "total_voter_count": 1,
        "options": [{"text": "yes", "voter_count": 1}, {"text": "no", "voter_count": 0}],
        "is_closed": False,
        "is_anonymous": True,
        "type": "regular",
        "allows_multiple_answers": False,
    }
    async with _webhook_bot(tmp_path) as hooked:
        api, talk = hooked.api, hooked.talk
        unreadable = int(api.add_raw_update({"poll": poll})["update_id"])
        reply = await talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN")
        assert reply["text"].startswith("✅ Recorded report SIREN #1 for KCS"), reply
        # Acknowledged once (a post refused before the bot listened is made again).
        answers = [status for update_id, status in api.webhook_posts if update_id == unreadable]
        assert [s for s in answers if s != 0] == [200], answers
    with sqlite3.connect(tmp_path / "ocu.sqlite3") as conn:
        kept = conn.execute(
            "SELECT body, handled_at IS NOT NULL FROM update_inbox WHERE update_id = ?",
            (unreadable,),
        ).fetchall()
    # Kept and handled as polling keeps it: its id only.
    assert kept == [(f'{{"update_id": {unreadable}}}', 1)], kept
    logged = "\n".join(p.read_text() for p in (tmp_path / "logs").iterdir() if p.is_file())
    assert logged.count(f"update {unreadable} cannot be read") == 1, logged


async def test_a_command_posted_without_its_entity_is_read_as_a_command(tmp_path: Path) -> None:
    # '/seizure ...' with no bot_command entity (a server or client other than Telegram's):
    # before, PTB's CommandHandler passed it by and it was answered as chatter, not recorded.
    async with _webhook_bot(tmp_path) as hooked:
        api = hooked.api
        chat = FakeChat.private(KCS_OFFICER)
        cursor = api.cursor(chat)
        sent = api._user_message(KCS_OFFICER, chat, {"text": "/seizure 3kg heroin at BKK"})
        assert "entities" not in sent
        reply = await cursor.next(timeout=30)
        assert reply["text"].startswith("✅ Recorded report SIREN #1 for KCS"), reply
    with sqlite3.connect(tmp_path / "ocu.sqlite3") as conn:
        rows = conn.execute("SELECT text FROM seizure").fetchall()
    assert rows == [("/seizure 3kg heroin at BKK",)]
