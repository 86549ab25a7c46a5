"""Recording of the bot's Bot API calls and event-driven waiting on them (see fakegram.server)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from fakegram.methods import commands_key
from fakegram.types import Call, FakeChat, JSONDict, json_copy
from fakegram.users import UserSide
from fakegram.world import StoredFile

SEND_METHODS = frozenset({"sendMessage", "sendDocument", "sendPhoto"})
EDIT_METHODS = frozenset({"editMessageText", "editMessageCaption", "editMessageReplyMarkup"})
# How long a wait for the bot's next call lasts before the test fails. A bound, not a pause: a
# wait ends at the call. The first chart or file starts the worker and its libraries, which on
# a shared 2-core machine at load 17 took over 10 s.
WAIT_S = 30.0


def _chat_key(chat: int | FakeChat) -> int:
    return chat.id if isinstance(chat, FakeChat) else int(chat)


class MessageCursor:
    """Reads the messages the bot sends to one chat, in order, from where it was created."""

    def __init__(self, api: CallLog, chat_id: int, position: int) -> None:
        self._api = api
        self.chat_id = chat_id
        self.position = position

    async def next(
        self,
        *,
        text_contains: str | None = None,
        timeout: float = WAIT_S,  # noqa: ASYNC109 - callers pass a plain per-wait timeout
    ) -> JSONDict:
        """Return the very next message to the chat; fail if it lacks `text_contains`."""
        index, call = await self._api.wait_for_index(
            lambda c: _message_to(c, self.chat_id), after=self.position, timeout=timeout
        )
        self.position = index + 1
        message: JSONDict = json_copy(call.result)
        text = message.get("text") or message.get("caption") or ""
        if text_contains is not None and text_contains not in text:
            raise AssertionError(
                f"next message to chat {self.chat_id} is {text!r}; "
                f"expected it to contain {text_contains!r}"
            )
        return message


def _message_to(call: Call, chat_id: int, text_contains: str | None = None) -> bool:
    if call.method not in SEND_METHODS or not call.delivered or not isinstance(call.result, dict):
        return False
    if call.result["chat"]["id"] != chat_id:
        return False
    text = call.result.get("text") or call.result.get("caption") or ""
    return text_contains is None or text_contains in text


class CallLog(UserSide):
    """The calls the bot made, and ways to wait for the next interesting one."""

    def __init__(
        self, *, token: str, bot_username: str, bot_id: int, privacy_mode: bool = False
    ) -> None:
        super().__init__(
            token=token, bot_username=bot_username, bot_id=bot_id, privacy_mode=privacy_mode
        )
        self.calls: list[Call] = []
        self.unknown_calls: list[Call] = []
        self._calls_event = asyncio.Event()

    def _record(self, call: Call) -> Call:
        self.calls.append(call)
        self._pulse_calls()
        return call

    def _pulse_calls(self) -> None:
        event, self._calls_event = self._calls_event, asyncio.Event()
        event.set()

    def mark(self) -> int:
        """Return the index the next call will get (use as `after=`)."""
        return len(self.calls)

    async def wait_for_index(
        self,
        predicate: Callable[[Call], bool],
        *,
        after: int = 0,
        timeout: float = WAIT_S,  # noqa: ASYNC109 - callers pass a plain per-wait timeout
    ) -> tuple[int, Call]:
        """Like wait_for, also returning the call's index (resume with `after=index + 1`)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        position = after
        while True:
            event = self._calls_event
            for index in range(position, len(self.calls)):
                if predicate(self.calls[index]):
                    return index, self.calls[index]
            # An open long poll is re-checked when it completes (it pulses the event then).
            position = _first_open_call(self.calls, position)
            remaining = deadline - loop.time()
            if remaining <= 0:
                recent = [(c.method, c.status, c.error) for c in self.calls[-5:]]
                raise TimeoutError(f"no matching Bot API call within {timeout}s; last: {recent}")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    async def wait_for(
        self,
        predicate: Callable[[Call], bool],
        *,
        timeout: float = WAIT_S,  # noqa: ASYNC109 - callers pass a plain per-wait timeout
        after: int = 0,
    ) -> Call:
        """Return the first call at index >= `after` matching `predicate`, waiting if needed."""
        return (await self.wait_for_index(predicate, after=after, timeout=timeout))[1]

    async def wait_for_message(
        self,
        chat_id: int | FakeChat,
        *,
        text_contains: str | None = None,
        after: int = 0,
        timeout: float = WAIT_S,  # noqa: ASYNC109 - callers pass a plain per-wait timeout
    ) -> JSONDict:
        """Return the first message (as sent) delivered to `chat_id` with `text_contains`."""
        chat = _chat_key(chat_id)
        call = await self.wait_for(
            lambda c: _message_to(c, chat, text_contains), after=after, timeout=timeout
        )
        result: JSONDict = json_copy(call.result)
        return result

    async def wait_for_edit(
        self,
        chat_id: int | FakeChat,
        *,
        message_id: int | None = None,
        after: int = 0,
        timeout: float = WAIT_S,  # noqa: ASYNC109 - callers pass a plain per-wait timeout
    ) -> JSONDict:
        """Return the message as it was after the first delivered edit in `chat_id`."""
        chat = _chat_key(chat_id)

        def edited(call: Call) -> bool:
            if call.method not in EDIT_METHODS or not call.delivered:
                return False
            result = call.result
            return (
                isinstance(result, dict)
                and result["chat"]["id"] == chat
                and message_id in (None, result["message_id"])
            )

        call = await self.wait_for(edited, after=after, timeout=timeout)
        result: JSONDict = json_copy(call.result)
        return result

    def newest_update_id(self) -> int:
        """Return the update_id of the newest update queued for the bot (0 before any)."""
        return self._next_update_id - 1

    async def wait_confirmed(
        self,
        update_id: int,
        *,
        after: int = 0,
        timeout: float = WAIT_S,  # noqa: ASYNC109 - callers pass a plain per-wait timeout
    ) -> None:
        """Wait until the bot confirmed `update_id`: it asked getUpdates for a later offset.

        A polling bot asks for the next offset only once it has taken the updates before it
        (PTB queues them for its Application first); whether it has finished handling them is
        for the Application to say.
        """

        def beyond(call: Call) -> bool:
            offset = call.params.get("offset") if call.method == "getUpdates" else None
            return isinstance(offset, int) and offset > update_id

        if update_id > 0:
            await self.wait_for(beyond, after=after, timeout=timeout)

    def stored_file(self, file_id: str) -> StoredFile | None:
        """Return the file Telegram holds under `file_id` (sent by the bot or a person)."""
        return self._files.get(file_id)

    def cursor(self, chat_id: int | FakeChat) -> MessageCursor:
        """Return a reader of the messages the bot sends to `chat_id` from now on."""
        return MessageCursor(self, _chat_key(chat_id), self.mark())

    def sent_messages(
        self, chat_id: int | FakeChat | None = None, *, include_deleted: bool = True
    ) -> list[JSONDict]:
        """Return the messages the bot sent (current state: edits applied), oldest first."""
        wanted = None if chat_id is None else _chat_key(chat_id)
        return [
            json_copy(self._messages[key])
            for key in self._bot_sent
            if (wanted is None or key[0] == wanted)
            and (include_deleted or key not in self._deleted)
        ]

    def commands(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """Return the command list set for `scope` (default scope) and language."""
        key = commands_key({"scope": scope, "language_code": language_code})
        return json_copy(self._commands.get(key, []))


def _first_open_call(calls: list[Call], position: int) -> int:
    """Return the index of the first call still unanswered at or after `position`."""
    for index in range(position, len(calls)):
        if calls[index].status == 0 and calls[index].fault is None:
            return index
    return len(calls)
