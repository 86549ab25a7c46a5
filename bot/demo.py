"""The demo cast and operation, set up by talking to the real bot; sandbox and tests share it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from fakegram.server import FakeBotAPI
from fakegram.types import FakeChat, FakeUser, JSONDict

ADMIN = FakeUser(1001, "Ada", "Admin", username="ada_admin")
COORDINATOR = FakeUser(1002, "Kim", "Min-jun", username="kim_ocu")
KCS_OFFICER = FakeUser(1003, "Park", "Ji-woo", username="park_kcs")
TCD_OFFICER = FakeUser(1004, "Somchai", "Wongsakul", username="somchai_tcd")
OBSERVER = FakeUser(1005, "Olga", "Observer", username="olga_wco")
OUTSIDER = FakeUser(1099, "Eve", "Outsider", username="eve")
GROUP = FakeChat(-100200300, "group", title="SIREN OCU")

CAST: dict[str, FakeUser] = {
    "admin": ADMIN,
    "coordinator": COORDINATOR,
    "kcs": KCS_OFFICER,
    "tcd": TCD_OFFICER,
    "observer": OBSERVER,
    "outsider": OUTSIDER,
}
_INVITE = re.compile(r"\?start=([A-Za-z0-9_-]+)")


@dataclass
class Conversation:
    """Says things to the bot as people of the cast and reads its replies, in order."""

    api: FakeBotAPI
    timeout: float = 15.0
    transcript: list[tuple[str, str, str]] = field(default_factory=list)

    async def say(self, user: FakeUser, text: str, chat: FakeChat | None = None) -> JSONDict:
        """Send text and return the bot's next message in that chat."""
        chat = chat or FakeChat.private(user)
        cursor = self.api.cursor(chat.id)
        self.api.send_text(user, chat, text)
        reply = await cursor.next(timeout=self.timeout)
        self.transcript.append((user.first_name, text, str(reply.get("text", ""))))
        return reply

    async def text(self, user: FakeUser, text: str, chat: FakeChat | None = None) -> str:
        """The text of the bot's next message after saying text."""
        reply = await self.say(user, text, chat)
        return str(reply.get("text") or reply.get("caption") or "")


def invite_code(reply_text: str) -> str:
    """The code in an invite link the bot sent."""
    match = _INVITE.search(reply_text)
    if match is None:
        raise ValueError(f"no invite link in {reply_text!r}")
    return match.group(1)


async def set_up_demo(
    talk: Conversation, *, code: str = "SIREN", exercise: bool = True, phones: str | None = "en"
) -> None:
    """Operation SIREN (Seoul), agencies KCS and TCD, the cast joined, the group bound.

    `phones` is the language the cast's Telegram sends while they join; with None, none, so
    that the bot meets each person's language at their first message after (the sandbox's).
    """
    admin, coordinator, kcs, tcd, observer = (
        replace(user, language_code=phones)
        for user in (ADMIN, COORDINATOR, KCS_OFFICER, TCD_OFFICER, OBSERVER)
    )
    suffix = " exercise" if exercise else ""
    await talk.say(admin, f'/operation new {code} "Operation Siren" Asia/Seoul{suffix}')
    await talk.say(admin, '/agency add KCS "Korea Customs Service" Asia/Seoul')
    await talk.say(admin, '/agency add TCD "Thai Customs Department" Asia/Bangkok')
    for user, invite in (
        (coordinator, "/invite coordinator"),
        (kcs, "/invite officer KCS"),
        (tcd, "/invite officer TCD"),
        (observer, "/invite observer"),
    ):
        link = await talk.text(admin, invite)
        await talk.say(user, f"/start {invite_code(link)}")
    await talk.say(coordinator, f"/bind {code}", GROUP)
