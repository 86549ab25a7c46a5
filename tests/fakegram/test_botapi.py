"""The local Bot API emulation, driven by the real python-telegram-bot client over HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm
from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import MessageEntityType
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes

from fakegram.markup import parse_html, parse_markdown_v2
from fakegram.server import FakeBotAPI, FakeChat, FakeUser
from fakegram.types import FaultKind, detect_entities

ANN = FakeUser(1001, "Ann", username="ann")
BOB = FakeUser(1002, "Bob", last_name="Baker")
ANN_CHAT = FakeChat.private(ANN)
GROUP = FakeChat(-4001, "group", title="OCU desk")
# A 1x1 PNG: sendPhoto refuses bytes that are not an image, as Telegram does.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d, callback_data=d) for d in data]])


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        server.add_chat(ANN_CHAT)
        server.add_chat(GROUP)
        yield server


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url) as client:
        yield client


async def test_get_me_reports_the_configured_bot(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (123456, "OcuBot", True)


async def test_send_message_is_recorded_with_decoded_params(api: FakeBotAPI, bot: Bot) -> None:
    first = await bot.send_message(ANN.id, "123", reply_markup=keyboard("ok"))
    second = await bot.send_message(ANN.id, "second")
    assert (first.message_id, second.message_id) == (1, 2)
    assert first.from_user is not None and first.from_user.id == 123456
    call = next(c for c in api.calls if c.method == "sendMessage")
    # PTB form-encodes the id as JSON and the markup as a JSON string; text stays a string.
    assert call.params["chat_id"] == ANN.id
    assert call.params["text"] == "123"
    assert call.params["reply_markup"] == {
        "inline_keyboard": [[{"text": "ok", "callback_data": "ok"}]]
    }
    sent = api.sent_messages(ANN.id)
    assert [m["text"] for m in sent] == ["123", "second"]
    assert sent[0]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "ok"
    assert api.sent_messages(GROUP.id) == []


async def test_html_is_parsed_into_entities_and_bad_html_refused(bot: Bot) -> None:
    message = await bot.send_message(ANN.id, "<b>Seized</b> 5 kg", parse_mode="HTML")
    assert message.text == "Seized 5 kg"
    assert message.entities[0].type == MessageEntityType.BOLD
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(ANN.id, "weight < 5 kg", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)reserved"):
        await bot.send_message(ANN.id, "Done.", parse_mode="MarkdownV2")


async def test_long_poll_answers_when_a_user_types_a_command(api: FakeBotAPI, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await api.wait_for(lambda c: c.method == "getUpdates")
    sent = api.send_text(ANN, ANN_CHAT, "/report@OcuBot now")
    updates = await asyncio.wait_for(poll, 5)
    assert len(updates) == 1
    message = updates[0].message
    assert message is not None and message.message_id == sent["message_id"]
    assert message.text == "/report@OcuBot now"
    assert message.entities[0].type == MessageEntityType.BOT_COMMAND
    assert (message.entities[0].offset, message.entities[0].length) == (0, 14)


async def test_offset_acknowledges_and_limit_caps(api: FakeBotAPI, bot: Bot) -> None:
    for text in ("one", "two", "three"):
        api.send_text(ANN, ANN_CHAT, text)
    first = await bot.get_updates(limit=2)
    assert [u.message.text for u in first if u.message] == ["one", "two"]
    rest = await bot.get_updates(offset=first[-1].update_id + 1, timeout=0)
    assert [u.message.text for u in rest if u.message] == ["three"]
    assert await bot.get_updates(offset=rest[-1].update_id + 1, timeout=0) == ()
    assert api.pending_update_count == 0


async def test_an_update_is_confirmed_once_a_poll_asks_beyond_it(api: FakeBotAPI, bot: Bot) -> None:
    assert api.newest_update_id() == 0
    await api.wait_confirmed(0, timeout=0)  # nothing queued, nothing to wait for
    api.send_text(ANN, ANN_CHAT, "one")
    update_id = api.newest_update_id()
    mark = api.mark()
    (update,) = await bot.get_updates()
    assert update.update_id == update_id
    with pytest.raises(TimeoutError):  # handed out, not yet confirmed
        await api.wait_confirmed(update_id, after=mark, timeout=0)
    await bot.get_updates(offset=update_id + 1, timeout=0)
    await api.wait_confirmed(update_id, after=mark, timeout=0)


async def test_redeliver_hands_out_the_same_update_again(api: FakeBotAPI, bot: Bot) -> None:
    api.send_text(ANN, ANN_CHAT, "/start")
    (update,) = await bot.get_updates()
    await bot.get_updates(offset=update.update_id + 1, timeout=0)
    api.redeliver(update.update_id)
    (again,) = await bot.get_updates(offset=update.update_id + 1)
    assert again.update_id == update.update_id
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()


async def test_edit_and_button_press_produce_updates(api: FakeBotAPI, bot: Bot) -> None:
    typed = api.send_text(ANN, ANN_CHAT, "draft")
    api.edit_text(ANN, ANN_CHAT, typed["message_id"], "/final")
    question = await bot.send_message(ANN.id, "Confirm?", reply_markup=keyboard("yes", "no"))
    query_id = api.press_button(ANN, ANN_CHAT, question.message_id, "yes")
    updates = await bot.get_updates()
    assert [u.message.text for u in updates if u.message] == ["draft"]
    edited = next(u.edited_message for u in updates if u.edited_message)
    assert edited.text == "/final" and edited.edit_date is not None
    assert edited.entities[0].type == MessageEntityType.BOT_COMMAND
    query = next(u.callback_query for u in updates if u.callback_query)
    assert (query.id, query.data, query.from_user.id) == (query_id, "yes", ANN.id)
    assert query.message is not None and query.message.message_id == question.message_id
    assert await bot.answer_callback_query(query_id, text="Noted")
    assert api.callback_answers[query_id]["text"] == "Noted"
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query_id)
    with pytest.raises(LookupError):
        api.press_button(ANN, ANN_CHAT, question.message_id, "maybe")


async def test_edits_follow_telegram_rules(api: FakeBotAPI, bot: Bot) -> None:
    message = await bot.send_message(ANN.id, "Status: open", reply_markup=keyboard("close"))
    edited = await bot.edit_message_text("Status: closed", ANN.id, message.message_id)
    assert isinstance(edited, type(message)) and edited.text == "Status: closed"
    # An edit without reply_markup removes the inline keyboard, as on Telegram.
    assert edited.reply_markup is None
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("Status: closed", ANN.id, message.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", ANN.id, 999)
    await bot.edit_message_reply_markup(ANN.id, message.message_id, reply_markup=keyboard("reopen"))
    (current,) = api.sent_messages(ANN.id)
    assert current["text"] == "Status: closed"
    assert current["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "reopen"
    assert (await api.wait_for_edit(ANN.id, message_id=message.message_id))["edit_date"]


async def test_documents_and_photos_keep_bytes_and_download(api: FakeBotAPI, bot: Bot) -> None:
    document = await bot.send_document(ANN.id, b"seizure log", filename="log.txt", caption="Log")
    photo = await bot.send_photo(ANN.id, PNG, caption="Chart")
    doc_call = next(c for c in api.calls if c.method == "sendDocument")
    upload = doc_call.files["document"]
    assert (upload.filename, upload.content, upload.content_type) == (
        "log.txt",
        b"seizure log",
        "text/plain",
    )
    assert document.document is not None and document.caption == "Log"
    assert document.document.file_name == "log.txt"
    assert photo.photo[-1].width == 1 and photo.caption == "Chart"
    for file_id, expected in (
        (document.document.file_id, b"seizure log"),
        (photo.photo[-1].file_id, PNG),
    ):
        file = await bot.get_file(file_id)
        assert bytes(await file.download_as_bytearray()) == expected
        stored = api.stored_file(file_id)
        assert stored is not None and stored.content == expected
    assert [("document" in m, "photo" in m) for m in api.sent_messages(ANN.id)] == [
        (True, False),
        (False, True),
    ]
    with pytest.raises(BadRequest, match=r"(?i)image_process_failed"):
        await bot.send_photo(ANN.id, b"not an image")


async def test_user_uploads_are_fetchable(api: FakeBotAPI, bot: Bot) -> None:
    api.send_document(ANN, ANN_CHAT, "manifest.csv", b"a,b\n1,2\n", caption="today")
    (update,) = await bot.get_updates()
    assert update.message is not None and update.message.document is not None
    file = await update.message.document.get_file()
    assert bytes(await file.download_as_bytearray()) == b"a,b\n1,2\n"


# PTB 22.8's RetryAfter.__init__ itself reads the deprecated int-valued `retry_after`.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_retry_after_fault_raises_retry_after(api: FakeBotAPI, bot: Bot) -> None:
    api.inject_fault("sendMessage", "retry_after", retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(ANN.id, "hello")
    value = caught.value.retry_after
    assert (value.total_seconds() if isinstance(value, dtm.timedelta) else value) == 3
    assert api.calls[-1].fault == "retry_after" and not api.calls[-1].delivered
    assert api.sent_messages() == []
    await bot.send_message(ANN.id, "hello")
    assert [m["text"] for m in api.sent_messages()] == ["hello"]


@pytest.mark.parametrize("kind", ["server_error", "bad_gateway", "drop"])
async def test_refusing_faults_raise_network_error(
    api: FakeBotAPI, bot: Bot, kind: FaultKind
) -> None:
    api.inject_fault(None, kind)
    with pytest.raises(NetworkError) as caught:
        await bot.send_message(ANN.id, "hello")
    assert not isinstance(caught.value, TimedOut)
    assert api.calls[-1].fault == kind
    assert api.sent_messages() == []


async def test_slow_fault_delivers_although_the_client_times_out(api: FakeBotAPI, bot: Bot) -> None:
    api.inject_fault("sendMessage", "slow", delay=5.0)
    with pytest.raises(TimedOut):
        await bot.send_message(ANN.id, "late", read_timeout=0.2)
    # The duplicate-risk case: the client saw a timeout, yet Telegram delivered the message.
    assert [m["text"] for m in api.sent_messages()] == ["late"]


async def test_fault_rate_is_seeded_and_can_be_switched_off(api: FakeBotAPI, bot: Bot) -> None:
    only_500: tuple[FaultKind, ...] = ("server_error",)
    api.fault_rate(1.0, kinds=only_500, seed=7)
    with pytest.raises(NetworkError):
        await bot.send_message(ANN.id, "x")
    assert await bot.get_updates(timeout=0) == ()  # getUpdates is spared unless named
    api.fault_rate(0)
    await bot.send_message(ANN.id, "y")
    assert [m["text"] for m in api.sent_messages()] == ["y"]


async def test_blocked_user_is_forbidden(api: FakeBotAPI, bot: Bot) -> None:
    api.send_text(ANN, ANN_CHAT, "/start")
    api.block(ANN.id)
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_message(ANN.id, "hello")
    updates = await bot.get_updates()
    member = next(u.my_chat_member for u in updates if u.my_chat_member)
    assert member.new_chat_member.status == "kicked"


async def test_migrated_group_refuses_the_old_id(api: FakeBotAPI, bot: Bot) -> None:
    supergroup = api.migrate_group(GROUP, by=BOB)
    assert supergroup.type == "supergroup" and str(supergroup.id).startswith("-100")
    with pytest.raises(ChatMigrated) as caught:
        await bot.send_message(GROUP.id, "hello")
    assert caught.value.new_chat_id == supergroup.id
    updates = await bot.get_updates()
    assert [
        (u.message.migrate_to_chat_id, u.message.migrate_from_chat_id) for u in updates if u.message
    ] == [
        (supergroup.id, None),
        (None, GROUP.id),
    ]
    sent = await bot.send_message(supergroup.id, "moved")
    assert sent.chat.type == "supergroup"


async def test_unknown_method_is_loud_and_recorded(api: FakeBotAPI, bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("setChatMenuSomething", api_kwargs={"chat_id": ANN.id})
    with pytest.raises(InvalidToken, match="does not emulate"):
        await bot.pin_chat_message(ANN.id, 1)
    assert [c.method for c in api.unknown_calls] == ["setChatMenuSomething", "pinChatMessage"]


async def test_wrong_token_is_refused(api: FakeBotAPI) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("999:WRONG", base_url=api.base_url):
            pass


async def test_second_poller_terminates_the_first(api: FakeBotAPI, bot: Bot) -> None:
    # One Bot cannot poll twice at once (its getUpdates pool has one connection): use two.
    async with Bot(api.token, base_url=api.base_url) as other:
        first = asyncio.create_task(bot.get_updates(timeout=5))
        await api.wait_for(lambda c: c.method == "getUpdates")
        mark = api.mark()
        second = asyncio.create_task(other.get_updates(timeout=5))
        await api.wait_for(lambda c: c.method == "getUpdates", after=mark)
        with pytest.raises(Conflict, match=r"(?i)terminated by other getUpdates"):
            await asyncio.wait_for(first, 5)
        api.send_text(ANN, ANN_CHAT, "hi")
        assert len(await asyncio.wait_for(second, 5)) == 1


async def test_commands_round_trip_and_validation(api: FakeBotAPI, bot: Bot) -> None:
    assert await bot.set_my_commands([("report", "File a report"), ("help", "Help")])
    assert [c.command for c in await bot.get_my_commands()] == ["report", "help"]
    assert api.commands()[0] == {"command": "report", "description": "File a report"}
    with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
        await bot.set_my_commands([("Report", "uppercase is refused")])
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()


async def test_chat_helpers(api: FakeBotAPI, bot: Bot) -> None:
    assert await bot.send_chat_action(ANN.id, "typing")
    chat = await bot.get_chat(GROUP.id)
    assert (chat.id, chat.title) == (GROUP.id, "OCU desk")
    assert await bot.leave_chat(GROUP.id)
    with pytest.raises(Forbidden):
        await bot.send_message(GROUP.id, "still here?")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(777, "who?")


async def test_cursor_and_wait_helpers(api: FakeBotAPI, bot: Bot) -> None:
    cursor = api.cursor(ANN_CHAT)
    await bot.send_message(GROUP.id, "elsewhere")
    await bot.send_message(ANN.id, "first")
    await bot.send_message(ANN.id, "second")
    assert (await cursor.next(text_contains="first"))["text"] == "first"
    with pytest.raises(AssertionError, match="second"):
        await cursor.next(text_contains="third")
    found = await api.wait_for_message(ANN.id, text_contains="sec")
    assert found["message_id"] == 2
    with pytest.raises(TimeoutError):
        await api.wait_for_message(ANN.id, text_contains="never", timeout=0.1)


async def test_real_application_answers_start(api: FakeBotAPI) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"Welcome, args={context.args}")

    app = (
        ApplicationBuilder()
        .token(api.token)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        mark = api.mark()
        api.start_deep_link(BOB, "OP-7")
        reply = await api.wait_for_message(BOB.id, text_contains="Welcome", after=mark)
        await app.updater.stop()
        await app.stop()
    assert reply["text"] == "Welcome, args=['OP-7']"
    # PTB's reply_text quotes only outside private chats (do_quote defaults to that).
    assert "reply_to_message" not in reply
    assert any(c.method == "deleteWebhook" for c in api.calls)
    assert api.unknown_calls == []
    assert api.pending_update_count == 0


async def test_stop_answers_open_polls_and_restart_keeps_the_port(
    api: FakeBotAPI, bot: Bot
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await api.wait_for(lambda c: c.method == "getUpdates")
    base_url = api.base_url
    await api.stop()
    assert await asyncio.wait_for(poll, 5) == ()
    await api.start()
    assert api.base_url == base_url
    assert (await bot.send_message(ANN.id, "back")).message_id == 1


async def test_json_bodies_are_accepted(api: FakeBotAPI) -> None:
    markup = '{"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}'
    async with httpx.AsyncClient() as client:
        answer = await client.post(
            f"{api.base_url}{api.token}/sendMessage",
            json={"chat_id": ANN.id, "text": "json", "reply_markup": markup},
        )
    assert answer.json()["ok"] is True
    assert api.sent_messages(ANN.id)[0]["reply_markup"]["inline_keyboard"][0][0]["text"] == "Go"


async def test_privacy_mode_hides_plain_group_chatter() -> None:
    async with FakeBotAPI(privacy_mode=True) as api:
        api.send_text(ANN, GROUP, "just chatting")
        api.send_text(ANN, GROUP, "/status")
        api.send_text(ANN, GROUP, "hey @OcuBot")
        api.send_text(ANN, ANN_CHAT, "private text is always seen")
        async with Bot(api.token, base_url=api.base_url) as bot:
            updates = await bot.get_updates()
    assert [u.message.text for u in updates if u.message] == [
        "/status",
        "hey @OcuBot",
        "private text is always seen",
    ]


def test_offsets_are_utf16_like_telegram() -> None:
    # An emoji outside the BMP counts as two UTF-16 units, so later offsets shift by two.
    text, entities = parse_html("🚢 <b>MV Aurora</b>")
    assert text == "🚢 MV Aurora"
    assert entities == [{"type": "bold", "offset": 3, "length": 9}]
    assert detect_entities("🚢 /seize 5kg #ops") == [
        {"type": "bot_command", "offset": 3, "length": 6},
        {"type": "hashtag", "offset": 14, "length": 4},
    ]


def test_markdown_v2_escapes_links_and_nesting() -> None:
    text, entities = parse_markdown_v2(r"*Total _net_* 5\.2 t [log](https://x.test/a\)b)")
    assert text == "Total net 5.2 t log"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 9},
        {"type": "italic", "offset": 6, "length": 3},
        {"type": "text_link", "offset": 16, "length": 3, "url": "https://x.test/a)b"},
    ]
