"""Forum supergroups (topics) and messages sent on behalf of a chat, as the Bot API has them.

A forum's topic is named by the id of the service message that opened it (forum_topic_created);
every message in it carries `message_thread_id` and `is_topic_message`, and one that replies to
nothing else replies to that service message (Telegram's own quirk: `reply_to_message` is set on
every topic message). The General topic has neither field.

A bot's message goes to the topic named by `message_thread_id` (400 "message thread not found"
for one the forum does not have); without it, a reply goes to the topic of the message it
replies to, and anything else to General. `allow_sending_without_reply` is "always False for
replies in another chat or forum topic" (ReplyParameters): a reply in a topic to a message since
deleted is refused, 400 "message to be replied not found". An admin may close a topic, General
too: the bot, no admin here, is then refused there with 400 "TOPIC_CLOSED".

An anonymous group admin posts as the group: `from` is GroupAnonymousBot and `sender_chat` the
group; a post on behalf of a channel has `from` Channel_Bot and `sender_chat` the channel.
"""

from __future__ import annotations

from fakegram.types import FakeChat, JSONDict, bad_request

GROUP_ANONYMOUS_BOT: JSONDict = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}
CHANNEL_BOT: JSONDict = {
    "id": 136817688,
    "is_bot": True,
    "first_name": "Channel",
    "username": "Channel_Bot",
}
THREAD_NOT_FOUND = "message thread not found"
TOPIC_CLOSED = "TOPIC_CLOSED"
GENERAL = 0  # the General topic among a forum's closed topics (it has no message_thread_id)


def on_behalf_of(chat: FakeChat, as_chat: FakeChat) -> tuple[JSONDict, JSONDict]:
    """The `from` and `sender_chat` of a message posted in `chat` as `as_chat`."""
    sender = GROUP_ANONYMOUS_BOT if as_chat.id == chat.id else CHANNEL_BOT
    return dict(sender), as_chat.to_dict()


def in_topic(content: JSONDict, topics: set[int], topic: int) -> None:
    """Put a person's message into `topic` of a forum (ValueError for one it does not have)."""
    if topic not in topics:
        raise ValueError(f"the forum has no topic {topic}")
    content["message_thread_id"] = topic
    content["is_topic_message"] = True


def bot_thread(
    chat: JSONDict,
    topics: set[int],
    params: JSONDict,
    target: JSONDict | None,
    missing: bool,
    closed: frozenset[int] | set[int] = frozenset(),
) -> int | None:
    """The topic a bot's message goes to (None: General, or not a forum); refusals raised.

    `target` is the message replied to when found; `missing` says one was named and is gone.
    `closed`: the forum's closed topics (GENERAL for General), where only admins may write: the
    bot is none here, so Telegram refuses it with TOPIC_CLOSED.
    """
    if not chat.get("is_forum"):
        return None
    thread = _thread(topics, params, target, missing)
    if (GENERAL if thread is None else thread) in closed:
        raise bad_request(TOPIC_CLOSED)
    return thread


def _thread(
    topics: set[int], params: JSONDict, target: JSONDict | None, missing: bool
) -> int | None:
    thread = params.get("message_thread_id")
    if thread is not None:
        if int(thread) not in topics:
            raise bad_request(THREAD_NOT_FOUND)
        if missing:
            # allow_sending_without_reply is always False for replies in a forum topic.
            raise bad_request("message to be replied not found")
        return int(thread)
    if target is not None and target.get("is_topic_message"):
        return int(target["message_thread_id"])
    return None
