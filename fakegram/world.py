"""The Telegram side of the Bot API emulation: chats, messages, files and the update queue.

Everything here is synchronous and in-memory; fakegram.server puts it behind HTTP. Refusals are
raised as ApiError with Telegram's own status codes and descriptions, because PTB maps those to its
exception types (BadRequest, Forbidden, ChatMigrated, ...).
"""

from __future__ import annotations

import asyncio
import json
import mimetypes
import re
import time
from dataclasses import dataclass
from typing import Any

from fakegram import forums
from fakegram.markup import apply_parse_mode
from fakegram.types import ApiError, FakeChat, JSONDict, bad_request, json_copy, utf16_len

# Telegram leaves these out of getUpdates unless they are named in allowed_updates.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_URL_OK = re.compile(r"^(https?|tg)://\S+$", re.IGNORECASE)
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"BM")
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)


@dataclass
class StoredFile:
    """A file the emulation holds, whoever uploaded it."""

    file_id: str
    file_unique_id: str
    file_path: str
    filename: str
    content: bytes
    mime_type: str


@dataclass
class _Pending:
    update: JSONDict
    # A redelivered update is handed out once even though its id is below the acknowledged offset.
    forced: bool = False

    @property
    def update_id(self) -> int:
        return int(self.update["update_id"])


class TelegramWorld:
    """State of the emulated Telegram and the synchronous Bot API methods."""

    def __init__(self, *, token: str, bot_username: str, bot_id: int) -> None:
        self.token = token
        self.bot_user: JSONDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_username,
            "username": bot_username,
        }
        self.webhook: JSONDict | None = None
        self.callback_answers: dict[str, JSONDict] = {}
        self._chats: dict[int, JSONDict] = {}
        self._usernames: dict[str, int] = {}
        self._users: dict[int, JSONDict] = {}
        self._blocked: set[int] = set()
        self._left: set[int] = set()
        self._migrated: dict[int, int] = {}
        self._last_message_id: dict[int, int] = {}
        self._messages: dict[tuple[int, int], JSONDict] = {}
        self._bot_sent: list[tuple[int, int]] = []
        self._deleted: set[tuple[int, int]] = set()
        # Each forum's topics, by the id of the message that opened each (fakegram.forums).
        self._topics: dict[int, set[int]] = {}
        # Each forum's closed topics (forums.GENERAL for General): the bot is refused there.
        self._closed_topics: dict[int, set[int]] = {}
        self._files: dict[str, StoredFile] = {}
        self._file_paths: dict[str, str] = {}
        self._commands: dict[str, list[JSONDict]] = {}
        self._callback_queries: dict[str, JSONDict] = {}
        self._pending: list[_Pending] = []
        self._updates_by_id: dict[int, JSONDict] = {}
        self._next_update_id = 1
        self._first_message_id = 1
        self._allowed_updates: list[str] | None = None
        self._updates_event = asyncio.Event()

    # -- registry -------------------------------------------------------------------------------

    def start_ids_at(self, first: int) -> None:
        """Number new updates and messages from `first`: a world resumed must not reuse ids.

        Telegram never gives a chat's message id twice, and a bot remembers update ids for
        days; a sandbox started again on its old database must count on from where it was.
        """
        self._next_update_id = max(self._next_update_id, first)
        self._first_message_id = max(self._first_message_id, first)
        for chat_id, last in self._last_message_id.items():
            self._last_message_id[chat_id] = max(last, first - 1)

    def add_chat(self, chat: FakeChat) -> None:
        """Make `chat` known, as if the bot were a member (private chat: the user started it)."""
        self._chats[chat.id] = chat.to_dict()
        self._last_message_id.setdefault(chat.id, self._first_message_id - 1)
        if chat.username:
            self._usernames[chat.username.lower()] = chat.id

    def has_chat(self, chat_id: int) -> bool:
        """Whether the chat exists here (a private one: its person has started the bot)."""
        return chat_id in self._chats

    def _resolve_chat(self, params: JSONDict, *, key: str = "chat_id") -> int:
        raw = params.get(key)
        if raw is None or raw == "":
            raise bad_request(f"{key} is empty")
        if isinstance(raw, str) and raw.startswith("@"):
            found = self._usernames.get(raw[1:].lower())
            if found is None:
                raise bad_request("chat not found")
            return found
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
        if chat_id in self._migrated:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self._migrated[chat_id]},
            )
        if chat_id not in self._chats:
            raise bad_request("chat not found")
        return chat_id

    def _writable_chat(self, params: JSONDict) -> int:
        chat_id = self._resolve_chat(params)
        if chat_id in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat_id in self._left:
            kind = self._chats[chat_id]["type"]
            raise ApiError(403, f"Forbidden: bot is not a member of the {kind} chat")
        return chat_id

    # -- messages -------------------------------------------------------------------------------

    def _new_message(self, chat_id: int, sender: JSONDict | None, content: JSONDict) -> JSONDict:
        self._last_message_id[chat_id] = (
            self._last_message_id.get(chat_id, self._first_message_id - 1) + 1
        )
        message: JSONDict = {
            "message_id": self._last_message_id[chat_id],
            "date": int(time.time()),
            "chat": dict(self._chats[chat_id]),
        }
        if sender is not None:
            message["from"] = dict(sender)
        message.update({k: v for k, v in content.items() if v is not None})
        self._messages[(chat_id, message["message_id"])] = message
        return message

    def _reply_target(self, chat_id: int, params: JSONDict) -> tuple[JSONDict | None, bool]:
        """The message replied to, and whether one was named that is gone (and allowed to be)."""
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            message_id, allow = reply.get("message_id"), reply.get("allow_sending_without_reply")
        else:
            message_id = params.get("reply_to_message_id")
            allow = params.get("allow_sending_without_reply")
        if message_id is None:
            return None, False
        target = self._messages.get((chat_id, int(message_id)))
        if target is None or (chat_id, int(message_id)) in self._deleted:
            if allow:
                return None, True
            raise bad_request("message to be replied not found")
        return {k: v for k, v in target.items() if k != "reply_to_message"}, False

    def _bot_message(self, chat_id: int, params: JSONDict, content: JSONDict) -> JSONDict:
        markup = self._inline_markup(params)
        target, missing = self._reply_target(chat_id, params)
        topics = self._topics.get(chat_id, set())
        closed = self._closed_topics.get(chat_id, set())
        thread = forums.bot_thread(self._chats[chat_id], topics, params, target, missing, closed)
        content = {
            **content,
            "reply_to_message": target,
            "message_thread_id": thread if thread is not None else params.get("message_thread_id"),
            "is_topic_message": True if thread is not None else None,
            "has_protected_content": True if params.get("protect_content") else None,
            "reply_markup": markup,
        }
        message = self._new_message(chat_id, self.bot_user, content)
        self._bot_sent.append((chat_id, message["message_id"]))
        return json_copy(message)

    def _inline_markup(self, params: JSONDict) -> JSONDict | None:
        """Validate reply_markup; return it only if inline, as Telegram echoes no other kind."""
        markup = params.get("reply_markup")
        if markup is None:
            return None
        if isinstance(markup, str):
            # JSON-body callers may still send the markup JSON-encoded; Telegram accepts both.
            try:
                markup = json.loads(markup)
            except ValueError:
                raise bad_request("can't parse reply keyboard markup JSON object") from None
        if not isinstance(markup, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        rows = markup.get("inline_keyboard")
        if rows is None:
            return None
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request("can't parse inline keyboard button: field must be an Array")
        if sum(len(row) for row in rows) > 100:
            raise bad_request("reply markup is too long")
        for row in rows:
            for button in row:
                _check_button(button)
        return json_copy(markup)

    def _text_content(
        self, params: JSONDict, key: str, entities_key: str, limit: int
    ) -> tuple[str, list[JSONDict] | None]:
        raw = params.get(key)
        if raw is None:
            return "", None
        text, parsed = apply_parse_mode(str(raw), params.get("parse_mode"))
        entities = parsed if parsed is not None else params.get(entities_key)
        if utf16_len(text) > limit:
            raise bad_request(
                "message is too long" if key == "text" else "message caption is too long"
            )
        return text, entities or None

    def _editable(self, params: JSONDict) -> JSONDict:
        if params.get("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        chat_id = self._writable_chat(params)
        if params.get("message_id") is None:
            raise bad_request("message identifier is not specified")
        key = (chat_id, int(params["message_id"]))
        message = self._messages.get(key)
        if message is None or key in self._deleted:
            raise bad_request("message to edit not found")
        if message.get("from", {}).get("id") != self.bot_user["id"]:
            raise bad_request("message can't be edited")
        return message

    def _apply_edit(self, message: JSONDict, changes: JSONDict) -> JSONDict:
        if all(message.get(k) == v for k, v in changes.items()):
            raise bad_request(NOT_MODIFIED)
        for field, value in changes.items():
            if value is None:
                message.pop(field, None)
            else:
                message[field] = value
        message["edit_date"] = int(time.time())
        return json_copy(message)

    # -- files ----------------------------------------------------------------------------------

    def store_file(
        self, filename: str, content: bytes, mime_type: str | None, kind: str
    ) -> StoredFile:
        """Keep uploaded bytes and give them Telegram-like ids and a download path."""
        number = len(self._files) + 1
        prefix = "AgACAgQ" if kind == "photo" else "BQACAgQ"
        extension = "." + filename.rsplit(".", 1)[1] if "." in filename else ""
        stored = StoredFile(
            file_id=f"{prefix}Sandbox{number:06d}",
            file_unique_id=f"AQADSbx{number:06d}",
            file_path=f"{kind}s/file_{number}{extension}",
            filename=filename,
            content=content,
            mime_type=mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream",
        )
        self._files[stored.file_id] = stored
        self._file_paths[stored.file_path] = stored.file_id
        return stored

    def file_at(self, path: str) -> StoredFile | None:
        """Return the file served at `path` below base_file_url, if any."""
        file_id = self._file_paths.get(path)
        return self._files.get(file_id) if file_id else None

    def _input_file(self, params: JSONDict, files: dict[str, Any], field: str) -> StoredFile:
        value = params.get(field)
        upload = files.get(field)
        if upload is None and isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value.removeprefix("attach://"))
        if upload is not None:
            if not upload.content:
                raise bad_request("file must be non-empty")
            if field == "photo" and not upload.content.startswith(_IMAGE_MAGIC):
                raise bad_request("IMAGE_PROCESS_FAILED")
            return self.store_file(upload.filename, upload.content, upload.content_type, field)
        if isinstance(value, str) and value in self._files:
            return self._files[value]
        if isinstance(value, str) and _URL_OK.match(value):
            name = value.rstrip("/").rsplit("/", 1)[-1] or field
            return self.store_file(name, b"", None, field)
        if value is None:
            raise bad_request(f"there is no {field} in the request")
        raise bad_request("wrong file identifier/HTTP URL specified")

    # -- update queue ---------------------------------------------------------------------------

    def _webhook_changed(self) -> None:
        """A webhook was set or deleted (the server starts or stops delivering to it)."""

    def _pulse_updates(self) -> None:
        # Swapping the event wakes every current waiter once and arms a fresh one for later.
        event, self._updates_event = self._updates_event, asyncio.Event()
        event.set()

    def queue_update(self, kind: str, payload: JSONDict) -> JSONDict:
        """Append an update of `kind` for the bot to fetch; return it."""
        update: JSONDict = {"update_id": self._next_update_id, kind: json_copy(payload)}
        self._enqueue(update)
        return json_copy(update)

    def _enqueue(self, update: JSONDict, *, forced: bool = False) -> None:
        update_id = int(update["update_id"])
        self._next_update_id = max(self._next_update_id, update_id + 1)
        self._updates_by_id[update_id] = update
        if forced:
            self._pending.insert(0, _Pending(update, forced=True))
        else:
            self._pending.append(_Pending(update))
        self._pulse_updates()

    def take_updates(self, offset: int, limit: int, allowed: Any) -> list[JSONDict]:
        """Acknowledge updates below `offset` and return up to `limit` deliverable ones."""
        if offset < 0:
            keep = {p.update_id for p in self._pending if not p.forced}
            keep = set(sorted(keep)[offset:])
            self._pending = [p for p in self._pending if p.forced or p.update_id in keep]
        elif offset > 0:
            self._pending = [p for p in self._pending if p.forced or p.update_id >= offset]
        if isinstance(allowed, list):
            self._allowed_updates = [str(kind) for kind in allowed] or None
        chosen = [p for p in self._pending if self._is_allowed(p.update)][: max(1, min(limit, 100))]
        for pending in chosen:
            pending.forced = False
        return [json_copy(p.update) for p in chosen]

    def _is_allowed(self, update: JSONDict) -> bool:
        kind = next((k for k in update if k != "update_id"), "")
        if self._allowed_updates is None:
            return kind not in _OPT_IN_UPDATES
        return kind in self._allowed_updates

    @property
    def pending_update_count(self) -> int:
        """Number of updates queued and not yet acknowledged."""
        return len(self._pending)


def _check_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request('can\'t parse inline keyboard button: Field "text" must be a String')
    if not button["text"]:
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [key for key in _BUTTON_ACTIONS if key in button]
    if len(actions) != 1:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button and not _URL_OK.match(str(button["url"])):
        url = button["url"]
        raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")
