"""What people do in the emulated Telegram: each action queues the Update the bot would receive."""

from __future__ import annotations

import itertools
import time
from typing import Any

from fakegram import forums
from fakegram.methods import BotMethods
from fakegram.types import FakeChat, FakeUser, JSONDict, detect_entities, json_copy


class UserSide(BotMethods):
    """User-side actions on top of the emulated Telegram state."""

    def __init__(
        self, *, token: str, bot_username: str, bot_id: int, privacy_mode: bool = False
    ) -> None:
        super().__init__(token=token, bot_username=bot_username, bot_id=bot_id)
        self.privacy_mode = privacy_mode
        self._query_ids = itertools.count(4_000_000_000_000_000_001)
        self._supergroup_ids = itertools.count(1)
        self._album_ids = itertools.count(13_000_000_000_000_001)

    def _enter(self, user: FakeUser, chat: FakeChat) -> None:
        if chat.id in self._migrated:
            raise ValueError(f"chat {chat.id} was upgraded to {self._migrated[chat.id]}")
        if chat.type == "private" and chat.id != user.id:
            raise ValueError("a private chat's id is its user's id; use FakeChat.private(user)")
        self._users[user.id] = user.to_dict()
        if chat.id not in self._chats:
            self.add_chat(chat)

    def _hidden_by_privacy(self, chat: FakeChat, message: JSONDict) -> bool:
        """In groups with privacy mode on, the bot sees only commands, replies and mentions."""
        if not self.privacy_mode or chat.type == "private":
            return False
        text = message.get("text") or message.get("caption") or ""
        name = f"@{self.bot_user['username']}".lower()
        replied = message.get("reply_to_message", {}).get("from", {}).get("id")
        return not (text.startswith("/") or name in text.lower() or replied == self.bot_user["id"])

    def _user_message(
        self,
        user: FakeUser,
        chat: FakeChat,
        content: JSONDict,
        *,
        topic: int | None = None,
        as_chat: FakeChat | None = None,
    ) -> JSONDict:
        """`user` posts `content` in `chat`: in a forum's `topic`, or on behalf of `as_chat`
        (their group, anonymously, or a channel of theirs: fakegram.forums)."""
        self._enter(user, chat)
        if chat.type == "private" and chat.id in self._blocked:
            # Writing to a bot you blocked means pressing "Restart" first, which unblocks it.
            self.unblock(chat.id)
        reply_to = content.pop("reply_to_message_id", None)
        if topic is not None:
            forums.in_topic(content, self._topics.get(chat.id, set()), topic)
            reply_to = topic if reply_to is None else reply_to  # Telegram's quirk: see forums
        if reply_to is not None:
            target = self._messages.get((chat.id, int(reply_to)))
            if target is None:
                raise LookupError(f"no message {reply_to} in chat {chat.id} to reply to")
            content["reply_to_message"] = {
                k: v for k, v in target.items() if k != "reply_to_message"
            }
        sender = user.to_dict()
        if as_chat is not None:
            sender, content["sender_chat"] = forums.on_behalf_of(chat, as_chat)
        message = self._new_message(chat.id, sender, content)
        # A group the bot left no longer reaches it.
        if chat.id not in self._left and not self._hidden_by_privacy(chat, message):
            self.queue_update("message", message)
        return json_copy(message)

    def send_text(
        self,
        user: FakeUser,
        chat: FakeChat,
        text: str,
        *,
        reply_to_message_id: int | None = None,
        topic: int | None = None,
        as_chat: FakeChat | None = None,
    ) -> JSONDict:
        """A person types `text` into `chat`; return the Message (with command entities).

        `topic`: in that topic of a forum; `as_chat`: posted on behalf of a chat, so that the
        bot sees no person (fakegram.forums).
        """
        content: JSONDict = {"text": text, "reply_to_message_id": reply_to_message_id}
        entities = detect_entities(text)
        if entities:
            content["entities"] = entities
        return self._user_message(user, chat, content, topic=topic, as_chat=as_chat)

    def open_topic(self, user: FakeUser, chat: FakeChat, name: str) -> int:
        """A person opens a topic in forum `chat`; its id (the service message's) is returned."""
        if not chat.is_forum:
            raise ValueError(f"chat {chat.id} is not a forum")
        self._enter(user, chat)
        created = {"forum_topic_created": {"name": name, "icon_color": 7322096}}
        message = self._new_message(chat.id, user.to_dict(), created)
        topic = int(message["message_id"])
        message.update(message_thread_id=topic, is_topic_message=True)
        self._topics.setdefault(chat.id, set()).add(topic)
        if chat.id not in self._left:
            self.queue_update("message", message)
        return topic

    def close_topic(self, user: FakeUser, chat: FakeChat, topic: int | None = None) -> None:
        """An admin closes a forum's `topic` (None: General); Telegram says so in it."""
        self._user_message(user, chat, {"forum_topic_closed": {}}, topic=topic)
        closed = self._closed_topics.setdefault(chat.id, set())
        closed.add(forums.GENERAL if topic is None else topic)

    def reopen_topic(self, user: FakeUser, chat: FakeChat, topic: int | None = None) -> None:
        """An admin reopens a forum's `topic` (None: General); Telegram says so in it."""
        self._closed_topics.get(chat.id, set()).discard(forums.GENERAL if topic is None else topic)
        self._user_message(user, chat, {"forum_topic_reopened": {}}, topic=topic)

    def start_deep_link(self, user: FakeUser, payload: str) -> JSONDict:
        """A person opens t.me/<bot>?start=PAYLOAD: `/start PAYLOAD` in their private chat."""
        return self.send_text(user, FakeChat.private(user), f"/start {payload}")

    def send_document(
        self,
        user: FakeUser,
        chat: FakeChat,
        filename: str,
        content: bytes,
        *,
        caption: str | None = None,
        mime_type: str | None = None,
        reply_to_message_id: int | None = None,
    ) -> JSONDict:
        """A person uploads a file; the bot can fetch it with getFile."""
        stored = self.store_file(filename, content, mime_type, "document")
        document = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": stored.filename,
            "mime_type": stored.mime_type,
            "file_size": len(content),
        }
        body: JSONDict = {"document": document, "reply_to_message_id": reply_to_message_id}
        _caption(body, caption)
        return self._user_message(user, chat, body)

    def send_photo(
        self,
        user: FakeUser,
        chat: FakeChat,
        content: bytes,
        *,
        caption: str | None = None,
        reply_to_message_id: int | None = None,
        media_group_id: str | None = None,
        topic: int | None = None,
        as_chat: FakeChat | None = None,
    ) -> JSONDict:
        """A person sends a photo (a thumbnail size and the full one, as Telegram gives them)."""
        stored = self.store_file("photo.jpg", content, "image/jpeg", "photo")
        thumb = self.store_file("thumb.jpg", content[:64], "image/jpeg", "photo")
        sizes = [
            {"file_id": f.file_id, "file_unique_id": f.file_unique_id, "width": w, "height": w,
             "file_size": len(f.content)}
            for f, w in ((thumb, 90), (stored, 1280))
        ]  # fmt: skip
        body: JSONDict = {"photo": sizes, "reply_to_message_id": reply_to_message_id}
        if media_group_id is not None:
            body["media_group_id"] = media_group_id
        _caption(body, caption)
        return self._user_message(user, chat, body, topic=topic, as_chat=as_chat)

    def send_album(
        self, user: FakeUser, chat: FakeChat, photos: list[bytes], *, caption: str | None = None
    ) -> list[JSONDict]:
        """A person sends several photos at once: one message each, one media_group_id, the
        caption on the first (as Telegram's apps do)."""
        group = str(next(self._album_ids))
        return [
            self.send_photo(
                user, chat, content, caption=caption if i == 0 else None, media_group_id=group
            )
            for i, content in enumerate(photos)
        ]

    def send_location(
        self,
        user: FakeUser,
        chat: FakeChat,
        latitude: float,
        longitude: float,
        *,
        reply_to_message_id: int | None = None,
        topic: int | None = None,
    ) -> JSONDict:
        """A person shares a location (not a live one)."""
        body: JSONDict = {
            "location": {"latitude": latitude, "longitude": longitude},
            "reply_to_message_id": reply_to_message_id,
        }
        return self._user_message(user, chat, body, topic=topic)

    def edit_caption(
        self, user: FakeUser, chat: FakeChat, message_id: int, new_caption: str
    ) -> JSONDict:
        """A person edits the caption of their photo or document; queues `edited_message`."""
        message = self._messages.get((chat.id, message_id))
        if message is None or message.get("from", {}).get("id") != user.id:
            raise LookupError(f"{user.id} has no message {message_id} in chat {chat.id}")
        if "photo" not in message and "document" not in message:
            raise ValueError(f"message {message_id} has no caption to edit")
        message.pop("caption_entities", None)
        _caption(message, new_caption)
        message["edit_date"] = int(time.time())
        self.queue_update("edited_message", message)
        return json_copy(message)

    def edit_text(self, user: FakeUser, chat: FakeChat, message_id: int, new_text: str) -> JSONDict:
        """A person edits their own text message; queues an `edited_message` update."""
        message = self._messages.get((chat.id, message_id))
        if message is None or message.get("from", {}).get("id") != user.id:
            raise LookupError(f"{user.id} has no message {message_id} in chat {chat.id}")
        if "text" not in message:
            raise ValueError(f"message {message_id} has no text to edit")
        message["text"] = new_text
        message.pop("entities", None)
        entities = detect_entities(new_text)
        if entities:
            message["entities"] = entities
        message["edit_date"] = int(time.time())
        self.queue_update("edited_message", message)
        return json_copy(message)

    def press_button(
        self,
        user: FakeUser,
        chat: FakeChat,
        message_id: int,
        callback_data: str,
        *,
        check_button: bool = True,
    ) -> str:
        """A person presses an inline button of a bot message; return the callback query id.

        With `check_button` the message must currently show a button carrying `callback_data`,
        so a test cannot press a button the bot never sent or has since removed.
        """
        self._enter(user, chat)
        message = self._messages.get((chat.id, message_id))
        if message is None or (chat.id, message_id) in self._deleted:
            raise LookupError(f"no message {message_id} in chat {chat.id}")
        if check_button and callback_data not in _callback_data(message):
            raise LookupError(
                f"message {message_id} shows no button with callback_data {callback_data!r}; "
                f"it has {sorted(_callback_data(message))}"
            )
        query_id = str(next(self._query_ids))
        query = {
            "id": query_id,
            "from": user.to_dict(),
            "message": json_copy(message),
            "chat_instance": str(abs(chat.id) * 7919 % 10**19),
            "data": callback_data,
        }
        self._callback_queries[query_id] = query
        self.queue_update("callback_query", query)
        return query_id

    def add_raw_update(self, update: JSONDict) -> JSONDict:
        """Queue `update` as given (an update_id is assigned when it has none)."""
        update = json_copy(update)
        update.setdefault("update_id", self._next_update_id)
        self._enqueue(update)
        return json_copy(update)

    def redeliver(self, update_id: int) -> JSONDict:
        """Hand an already delivered update to the bot again, same update_id (a duplicate)."""
        update = self._updates_by_id[update_id]
        self._enqueue(update, forced=True)
        return json_copy(update)

    def migrate_group(self, chat: FakeChat, *, by: FakeUser | None = None) -> FakeChat:
        """Upgrade basic group `chat` to a supergroup; return the new supergroup chat."""
        if chat.type != "group":
            raise ValueError("only a basic group can be upgraded to a supergroup")
        if chat.id not in self._chats:
            self.add_chat(chat)
        new_chat = FakeChat(
            id=-(10**12) - next(self._supergroup_ids) * 10**6 - abs(chat.id) % 10**6,
            type="supergroup",
            title=chat.title,
            username=chat.username,
        )
        self.add_chat(new_chat)
        sender = by.to_dict() if by else None
        old = self._new_message(chat.id, sender, {"migrate_to_chat_id": new_chat.id})
        self.queue_update("message", old)
        new = self._new_message(new_chat.id, sender, {"migrate_from_chat_id": chat.id})
        self.queue_update("message", new)
        self._migrated[chat.id] = new_chat.id
        return new_chat

    def delete_topic(self, chat: FakeChat, topic: int) -> None:
        """An admin deletes a forum's topic, and every message in it with it."""
        self._topics.get(chat.id, set()).discard(topic)
        for (chat_id, message_id), message in self._messages.items():
            if chat_id == chat.id and message.get("message_thread_id") == topic:
                self._deleted.add((chat_id, message_id))

    def delete_message(self, chat: FakeChat, message_id: int) -> None:
        """A person deletes a message: a reply quoting it then finds it gone, as on Telegram."""
        self._deleted.add((chat.id, message_id))

    def forget_chat(self, chat_id: int) -> None:
        """The chat is unknown to Telegram (never started, deleted): sends answer 400 until used."""
        self._chats.pop(chat_id, None)

    def block(self, chat_id: int) -> None:
        """The user blocks the bot: sends to `chat_id` answer 403 until unblocked."""
        self._blocked.add(chat_id)
        self._member_status_update(chat_id, "member", "kicked")

    def unblock(self, chat_id: int) -> None:
        """The user unblocks (restarts) the bot."""
        if chat_id in self._blocked:
            self._blocked.discard(chat_id)
            self._member_status_update(chat_id, "kicked", "member")

    def _member_status_update(self, chat_id: int, old: str, new: str) -> None:
        # Telegram tells the bot about a block with my_chat_member; only private chats have one.
        user = self._users.get(chat_id)
        if user is None or chat_id not in self._chats:
            return
        bot = {k: self.bot_user[k] for k in ("id", "is_bot", "first_name", "username")}
        now = int(time.time())
        self.queue_update(
            "my_chat_member",
            {
                "chat": dict(self._chats[chat_id]),
                "from": user,
                "date": now,
                "old_chat_member": {"status": old, "user": bot, **_kicked_fields(old)},
                "new_chat_member": {"status": new, "user": bot, **_kicked_fields(new)},
            },
        )


def _caption(body: JSONDict, caption: str | None) -> None:
    """A caption with its command entities, as on Telegram."""
    if caption:
        body["caption"] = caption
        entities = detect_entities(caption)
        if entities:
            body["caption_entities"] = entities


def _kicked_fields(status: str) -> dict[str, Any]:
    return {"until_date": 0} if status == "kicked" else {}


def _callback_data(message: JSONDict) -> set[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["callback_data"] for row in rows for b in row if "callback_data" in b}
