"""/language with a language it does not know, one named twice or three for a group: what is
wrong, said in the reader's language, with the command as it would work."""

from __future__ import annotations

from bot.demo import ADMIN, COORDINATOR, GROUP, invite_code
from fakegram.types import FakeUser
from tests.e2e.conftest import Harness

KOREAN = FakeUser(2411, "지민", "이", language_code="ko")


async def test_a_group_language_refused_says_what_was_wrong(siren: Harness) -> None:
    # Before: each got the general menu, "Choose a language: /language ko, ...".
    unknown = await siren.talk.text(COORDINATOR, "/language group xx", GROUP)
    assert "I do not know the language xx." in unknown, unknown
    assert "e.g. /language group ko th" in unknown and "Choose a language" not in unknown
    twice = await siren.talk.text(COORDINATOR, "/language group ko ko", GROUP)
    assert "한국어 (ko) is named twice" in twice and "e.g. /language group ko" in twice, twice
    three = await siren.talk.text(COORDINATOR, "/language group ko th en", GROUP)
    assert "A group has one or two languages, not 3: e.g. /language group ko th" in three, three
    # The examples given work.
    done = await siren.talk.text(COORDINATOR, "/language group ko th", GROUP)
    assert "Choose a language" not in done and "/language group" not in done, done
    assert await siren.rows("SELECT languages FROM operation") != []


async def test_an_unknown_language_is_named_in_the_readers_own(siren: Harness) -> None:
    link = await siren.talk.text(ADMIN, "/invite officer KCS")
    await siren.talk.say(KOREAN, f"/start {invite_code(link)}")
    said = (await siren.talk.say(KOREAN, "/language xx"))["text"]
    assert "xx" in said and "/language ko" in said, said
    assert "I do not know" not in said and "Choose a language" not in said, said
