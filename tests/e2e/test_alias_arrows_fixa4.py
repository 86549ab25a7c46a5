"""/alias with an '=' too many or nothing after it (fourth adversary, session 13): refused
with an answer whose example keeps every word typed, and nothing stored."""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP
from tests.e2e.conftest import Harness

USAGE = (
    "Usage: /alias WORDS CANONICAL | /alias (the list) | /alias rm WORDS | /alias place WORDS "
    "= PLACE | /alias place (the list) | /alias place rm WORDS\n"
    "Example: /alias zombie dust synthetic_cathinones"
)


async def test_two_equals_signs_get_the_usage_line(siren: Harness) -> None:
    answered = await siren.talk.text(COORDINATOR, "/alias a = b = meth", GROUP)
    # Before: '✅ "a b =" now counts as methamphetamine', an alias no report would read.
    assert answered == USAGE
    assert await siren.rows("SELECT words FROM substance_alias") == []


async def test_an_equals_sign_with_nothing_after_keeps_every_word(siren: Harness) -> None:
    answered = await siren.talk.text(COORDINATOR, "/alias zombie dust =", GROUP)
    # Before: "'dust' is not a substance ... e.g. /alias zombie methamphetamine".
    assert answered == (
        'Nothing after "=": name the substance "zombie dust" counts as, e.g. /alias zombie '
        "dust methamphetamine"
    )
    assert await siren.rows("SELECT words FROM substance_alias") == []
    await siren.talk.text(COORDINATOR, "/alias zombie dust methamphetamine", GROUP)
    assert await siren.rows("SELECT words FROM substance_alias") == [{"words": "zombie dust"}]


async def test_one_equals_sign_still_reads(siren: Harness) -> None:
    await siren.talk.text(COORDINATOR, "/alias zombie dust = meth", GROUP)
    assert await siren.rows("SELECT words FROM substance_alias") == [{"words": "zombie dust"}]
