"""/language answers as every reply does: labelled in an exercise, in a group and in private."""

from __future__ import annotations

from bot.demo import GROUP, KCS_OFFICER, set_up_demo
from tests.e2e.conftest import Harness


async def test_language_answers_carry_the_exercise_label_in_the_group_and_in_private(
    bot: Harness,
) -> None:
    await set_up_demo(bot.talk)  # an exercise
    # Before: each of these came without the 🧪 label that every other answer there carries.
    for line, chat in (
        ("/language", GROUP),
        ("/language xx", GROUP),
        ("/language ko", GROUP),
        ("/language", None),
        ("/language en", None),
        ("/language group ko", None),
    ):
        said = await bot.talk.text(KCS_OFFICER, line, chat)
        assert said.startswith("🧪"), (line, said)
