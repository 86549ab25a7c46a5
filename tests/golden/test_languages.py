"""A Korean and a Thai officer read the bot in their language: /language, /start, a report,
a refusal. Command names, report keywords, codes and ids stay as they are."""

from __future__ import annotations

import re

import pytest

from bot.demo import GROUP, KCS_OFFICER, TCD_OFFICER, set_up_demo
from fakegram.types import FakeChat
from tests.e2e import conftest as harness

# What may stay in Latin letters in a Korean or Thai answer: commands, keywords, codes, ids.
_ALLOWED = re.compile(
    r"/[a-z_]+(@\w+)?|<[^>]+>|(?<![A-Za-z])(at|via|from|to|ref|kg|g|SIREN|KCS|TCD|ICN|BKK|OCU|bot|Undo|meth|"
    r"methamphetamine|yaba|tablets|Start|CODE|COMMAND|seizure|Operation|Siren|en|ko|th|English)(?![A-Za-z])|https?://\S+"
)


def english_words(text: str) -> list[str]:
    """Latin-letter words left once the allowed ones are taken out."""
    return re.findall(r"[A-Za-z]{2,}", _ALLOWED.sub(" ", text))


@pytest.mark.parametrize(
    ("officer", "language", "recorded"),
    [(KCS_OFFICER, "ko", "KCS 보고 SIREN #1 기록"), (TCD_OFFICER, "th", "บันทึกรายงาน")],
)
async def test_an_officer_reads_the_bot_in_their_language(
    bot: harness.Harness, officer, language: str, recorded: str
) -> None:
    await set_up_demo(bot.talk, exercise=False)
    private = FakeChat.private(officer)
    said = await bot.talk.say(officer, f"/language {language}", private)
    answers = [str(said.get("text", ""))]
    answers.append(str((await bot.talk.say(officer, "/start", private)).get("text", "")))
    ack = await bot.talk.say(officer, "/seizure 2kg meth at ICN", private)
    assert recorded in str(ack.get("text", ""))
    answers.append(str(ack.get("text", "")))
    answers.append(
        str((await bot.talk.say(officer, "/void 99 entered twice", private)).get("text", ""))
    )
    for text in answers:
        assert english_words(text) == [], text
    # In the group the same officer is still answered in their own language.
    group_ack = await bot.talk.say(officer, "/seizure 1kg meth at ICN", GROUP)
    assert english_words(str(group_ack.get("text", ""))) == [], group_ack


async def test_a_group_reads_in_two_languages(bot: harness.Harness) -> None:
    from bot import outbox
    from bot.render.i18n import _

    texts = outbox.in_languages(
        lambda: _("Wrong? Edit your message to correct it, or press Undo."), ("ko", "th")
    )
    assert len(texts) == 1 and "잘못" in texts[0] and "แก้ข้อความ" in texts[0]
