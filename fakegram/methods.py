"""The Bot API methods the emulation serves, on top of the state in fakegram.world."""

from __future__ import annotations

import json
import re
from typing import Any

from fakegram.types import JSONDict, bad_request, json_copy, png_size
from fakegram.world import TelegramWorld

MAX_TEXT = 4096
MAX_CAPTION = 1024
_COMMAND_OK = re.compile(r"^[a-z0-9_]{1,32}$")
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


class BotMethods(TelegramWorld):
    """Each `m_<name>` serves Bot API method <name> (any case); refusals raise ApiError."""

    def m_getMe(self, params: JSONDict, files: dict[str, Any]) -> Any:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def m_deleteWebhook(self, params: JSONDict, files: dict[str, Any]) -> Any:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self._pending.clear()
        self._webhook_changed()
        return True

    def m_setWebhook(self, params: JSONDict, files: dict[str, Any]) -> Any:
        if not params.get("url"):
            return self.m_deleteWebhook(params, files)
        if params.get("drop_pending_updates"):
            self._pending.clear()
        if isinstance(params.get("allowed_updates"), list):
            self._allowed_updates = [str(kind) for kind in params["allowed_updates"]] or None
        self.webhook = dict(params)
        self._webhook_changed()
        return True

    def m_getWebhookInfo(self, params: JSONDict, files: dict[str, Any]) -> Any:
        url = self.webhook.get("url", "") if self.webhook else ""
        pending = len(self._pending)
        return {"url": url, "has_custom_certificate": False, "pending_update_count": pending}

    def m_sendMessage(self, params: JSONDict, files: dict[str, Any]) -> Any:
        chat_id = self._writable_chat(params)
        text, entities = self._text_content(params, "text", "entities", MAX_TEXT)
        if not text.strip():
            raise bad_request("message text is empty")
        return self._bot_message(chat_id, params, {"text": text, "entities": entities})

    def m_sendDocument(self, params: JSONDict, files: dict[str, Any]) -> Any:
        chat_id = self._writable_chat(params)
        caption, entities = self._text_content(params, "caption", "caption_entities", MAX_CAPTION)
        stored = self._input_file(params, files, "document")
        document = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": stored.filename,
            "mime_type": stored.mime_type,
            "file_size": len(stored.content),
        }
        content = {"document": document, "caption": caption or None, "caption_entities": entities}
        return self._bot_message(chat_id, params, content)

    def m_sendPhoto(self, params: JSONDict, files: dict[str, Any]) -> Any:
        chat_id = self._writable_chat(params)
        caption, entities = self._text_content(params, "caption", "caption_entities", MAX_CAPTION)
        stored = self._input_file(params, files, "photo")
        width, height = png_size(stored.content) or (1280, 720)
        photo = [
            {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": len(stored.content),
                "width": width,
                "height": height,
            }
        ]
        content = {"photo": photo, "caption": caption or None, "caption_entities": entities}
        return self._bot_message(chat_id, params, content)

    def m_editMessageText(self, params: JSONDict, files: dict[str, Any]) -> Any:
        message = self._editable(params)
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        text, entities = self._text_content(params, "text", "entities", MAX_TEXT)
        if not text.strip():
            raise bad_request("message text is empty")
        # An edit without reply_markup drops the inline keyboard, as on Telegram.
        changes = {"text": text, "entities": entities, "reply_markup": self._inline_markup(params)}
        return self._apply_edit(message, changes)

    def m_editMessageCaption(self, params: JSONDict, files: dict[str, Any]) -> Any:
        message = self._editable(params)
        if "text" in message:
            raise bad_request("there is no caption in the message to edit")
        caption, entities = self._text_content(params, "caption", "caption_entities", MAX_CAPTION)
        changes = {
            "caption": caption or None,
            "caption_entities": entities,
            "reply_markup": self._inline_markup(params),
        }
        return self._apply_edit(message, changes)

    def m_editMessageReplyMarkup(self, params: JSONDict, files: dict[str, Any]) -> Any:
        message = self._editable(params)
        return self._apply_edit(message, {"reply_markup": self._inline_markup(params)})

    def m_deleteMessage(self, params: JSONDict, files: dict[str, Any]) -> Any:
        chat_id = self._writable_chat(params)
        key = (chat_id, int(params.get("message_id") or 0))
        if key not in self._messages or key in self._deleted:
            raise bad_request("message to delete not found")
        self._deleted.add(key)
        return True

    def m_answerCallbackQuery(self, params: JSONDict, files: dict[str, Any]) -> Any:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._callback_queries or query_id in self.callback_answers:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        self.callback_answers[query_id] = dict(params)
        return True

    def m_getFile(self, params: JSONDict, files: dict[str, Any]) -> Any:
        stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
            "file_path": stored.file_path,
        }

    def m_setMyCommands(self, params: JSONDict, files: dict[str, Any]) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("can't parse commands JSON object")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND_OK.match(str(command.get("command"))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description") or "")) <= 256:
                raise bad_request("command description must be non-empty")
        self._commands[commands_key(params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    def m_getMyCommands(self, params: JSONDict, files: dict[str, Any]) -> Any:
        return json_copy(self._commands.get(commands_key(params), []))

    def m_deleteMyCommands(self, params: JSONDict, files: dict[str, Any]) -> Any:
        self._commands.pop(commands_key(params), None)
        return True

    def m_sendChatAction(self, params: JSONDict, files: dict[str, Any]) -> Any:
        self._writable_chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    def m_getChat(self, params: JSONDict, files: dict[str, Any]) -> Any:
        chat = self._chats[self._resolve_chat(params)]
        gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription")
        return {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": dict.fromkeys((*gifts, "gifts_from_channels"), False),
        }

    def m_leaveChat(self, params: JSONDict, files: dict[str, Any]) -> Any:
        chat_id = self._writable_chat(params)
        if self._chats[chat_id]["type"] == "private":
            raise bad_request("chat member status can't be changed in private chats")
        self._left.add(chat_id)
        return True

    def m_close(self, params: JSONDict, files: dict[str, Any]) -> Any:
        return True

    def m_logOut(self, params: JSONDict, files: dict[str, Any]) -> Any:
        return True


def commands_key(params: JSONDict) -> str:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True) + "|" + str(params.get("language_code") or "")
