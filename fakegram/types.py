"""Value types and text helpers shared by the local Bot API emulation (see fakegram.server)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, cast

JSONDict = dict[str, Any]
J = TypeVar("J")


def json_copy(value: J) -> J:
    """A deep copy of JSON data (dicts, lists and immutable scalars).

    The emulation hands out copies so that nobody can change what it stored; copy.deepcopy did
    that at several times the cost, which the bot paid on every call, in the same process.
    """
    if isinstance(value, dict):
        return cast(J, {key: json_copy(item) for key, item in value.items()})
    if isinstance(value, list):
        return cast(J, [json_copy(item) for item in value])
    return value


ChatType = Literal["private", "group", "supergroup", "channel"]
FaultKind = Literal["retry_after", "server_error", "slow", "drop", "bad_gateway"]
FAULT_KINDS: tuple[FaultKind, ...] = ("retry_after", "server_error", "slow", "drop", "bad_gateway")

# Parameters Telegram reads as plain strings: PTB sends str values unencoded and everything else
# JSON-encoded, so a text such as "123" or "true" must not be decoded into a number or bool.
STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_message_id",
        "file_id",
        "url",
        "secret_token",
        "ip_address",
        "action",
        "language_code",
        "business_connection_id",
        "message_effect_id",
        "title",
        "description",
        "short_description",
        "name",
        "emoji",
        "photo",
        "document",
        "thumbnail",
        "certificate",
    }
)


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user as the emulation presents it in updates."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "en"

    def to_dict(self) -> JSONDict:
        """Return the Bot API `User` object."""
        data: JSONDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name is not None:
            data["last_name"] = self.last_name
        if self.username is not None:
            data["username"] = self.username
        if self.language_code is not None:
            data["language_code"] = self.language_code
        return data


@dataclass(frozen=True)
class FakeChat:
    """A Telegram chat (private chat, basic group or supergroup)."""

    id: int
    type: ChatType
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    # A supergroup with topics (fakegram.forums).
    is_forum: bool = False

    @classmethod
    def private(cls, user: FakeUser) -> FakeChat:
        """Return the private chat between `user` and the bot (its id is the user's id)."""
        return cls(
            id=user.id,
            type="private",
            username=user.username,
            first_name=user.first_name,
            last_name=user.last_name,
        )

    def to_dict(self) -> JSONDict:
        """Return the Bot API `Chat` object."""
        data: JSONDict = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name", "last_name"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.is_forum:
            data["is_forum"] = True
        return data


@dataclass(frozen=True)
class UploadedFile:
    """One multipart file part of a call."""

    filename: str
    content: bytes
    content_type: str


@dataclass
class Call:
    """One HTTP request to a Bot API method, as the emulation received and answered it.

    `fault` names the injected fault (None when the call was served normally); `status` is the
    HTTP status answered (0 while a long poll is still open or when the connection was dropped);
    `result` is the JSON `result` of a successful answer and `error` the description of a refusal.
    """

    method: str
    params: JSONDict
    files: dict[str, UploadedFile]
    at: float
    fault: FaultKind | None = None
    status: int = 0
    result: Any = None
    error: str | None = None

    @property
    def delivered(self) -> bool:
        """Whether the call took effect (answered ok, or applied before a `slow` answer)."""
        return self.error is None and self.fault in (None, "slow") and self.status != 0

    @property
    def chat_id(self) -> int | str | None:
        """Return the raw `chat_id` parameter, if any."""
        value = self.params.get("chat_id")
        return value if isinstance(value, int | str) else None


@dataclass
class ApiError(Exception):
    """A refusal answered in Telegram's error shape."""

    status: int
    description: str
    parameters: JSONDict | None = field(default=None)

    def __str__(self) -> str:
        return f"{self.status} {self.description}"

    def payload(self) -> JSONDict:
        """Return the JSON body Telegram sends for this error."""
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> ApiError:
    """Return a 400 error with Telegram's "Bad Request: ..." description."""
    return ApiError(400, f"Bad Request: {detail}")


def decode_param(name: str, raw: str) -> Any:
    """Decode one form value the way the Bot API does: JSON unless the parameter is a string."""
    if name in STRING_PARAMS:
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def utf16_len(text: str) -> int:
    """Return the length of `text` in UTF-16 code units, the unit of entity offsets."""
    return len(text.encode("utf-16-le")) // 2


_COMMAND_RE = re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])")
_MENTION_RE = re.compile(r"(?<![\w@/])@[A-Za-z][A-Za-z0-9_]{3,31}(?!\w)")
_HASHTAG_RE = re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")
_URL_RE = re.compile(r"(?<![\w@])https?://[^\s<>\"]+[^\s<>\".,;:!?)\]']")


def detect_entities(text: str) -> list[JSONDict]:
    """Return the entities Telegram's clients attach to typed text (commands, mentions, ...)."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in (
        ("bot_command", _COMMAND_RE),
        ("url", _URL_RE),
        ("mention", _MENTION_RE),
        ("hashtag", _HASHTAG_RE),
    ):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            found.append((start, end, kind))
    found.sort()
    return [
        {
            "type": kind,
            "offset": utf16_len(text[:start]),
            "length": utf16_len(text[start:end]),
        }
        for start, end, kind in found
    ]


def png_size(content: bytes) -> tuple[int, int] | None:
    """Return (width, height) of a PNG image, or None for other formats."""
    if content[:8] == b"\x89PNG\r\n\x1a\n" and len(content) >= 24:
        return int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
    return None
