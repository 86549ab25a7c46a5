"""A coordinator who set Korean and tries /operation new hears why not in Korean (session 14)."""

from __future__ import annotations

from bot.demo import COORDINATOR
from bot.render.i18n import _, using
from bot.render.replies import ONLY_ADMIN_CREATES
from tests.e2e.conftest import Harness


async def test_only_an_admin_creates_in_the_reader_s_language(siren: Harness) -> None:
    await siren.talk.say(COORDINATOR, "/language ko")
    reply = await siren.talk.text(
        COORDINATOR, '/operation new DRILL "Workshop drill" Asia/Seoul exercise'
    )
    with using("ko"):
        korean = _(ONLY_ADMIN_CREATES)
    # Before: "Only an admin can create an operation." in English.
    assert korean in reply, reply
    assert "Only an admin" not in reply, reply
