"""A Korean and a Thai officer read the bot in their language: /language, /start, /help, a
report, a correction, /undo, refusals, /mine and /nil. Command names, report keywords, codes and
ids stay as they are."""

from __future__ import annotations

import re

import pytest

from bot.demo import GROUP, KCS_OFFICER, TCD_OFFICER, set_up_demo
from fakegram.types import FakeChat
from tests.e2e import conftest as harness

# What may stay in Latin letters in a Korean or Thai answer: commands (a /help topic too), what
# is typed (code spans, taken out first; a usage line's syntax and example), keywords,
# codes (agencies, places, units, time zones, substance acronyms), ids and the operation's title.
_ALLOWED = re.compile(
    # A zone's name (Asia/Bangkok) is a name, as in tests/golden/test_no_english.py.
    r"(?m)^[^\s:]+: /.*$|/help [a-z]+|/[a-z_]+(@\w+)?|<[^>]+>|https?://\S+|"
    r"\b[A-Z][a-z]+/[A-Za-z_]+\b|(?<![A-Za-z])("
    r"at|via|by|detected|from|to|ref|kg|g|MB|SIREN|KCS|TCD|ICN|BKK|OCU|bot|Start|CODE|COMMAND|"
    r"Operation|Siren|en|ko|th|English|KST|UTC|MDMA|GHB|LSD|NPS)(?![A-Za-z])"
)


def english_words(text: str) -> list[str]:
    """Latin-letter words left once the allowed ones are taken out."""
    return re.findall(r"[A-Za-z]{2,}", _ALLOWED.sub(" ", text))


def _prose(message: dict) -> str:  # type: ignore[type-arg]
    """A message's text without its code spans: what is typed (commands, examples) stays."""
    text = str(message.get("text") or message.get("caption") or "")
    units = text.encode("utf-16-le")  # Telegram's entity offsets count UTF-16 code units
    spans = [
        (e["offset"] * 2, (e["offset"] + e["length"]) * 2)
        for e in message.get("entities", [])
        if e["type"] in ("code", "pre")
    ]
    for start, end in sorted(spans, reverse=True):
        units = units[:start] + " ".encode("utf-16-le") + units[end:]
    return units.decode("utf-16-le")


def _buttons(message: dict) -> list[str]:  # type: ignore[type-arg]
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [str(button["text"]) for row in rows for button in row]


@pytest.mark.parametrize(
    ("officer", "language", "recorded"),
    [(KCS_OFFICER, "ko", "KCS 보고 SIREN #1 기록"), (TCD_OFFICER, "th", "บันทึกรายงาน")],
)
async def test_an_officer_reads_the_bot_in_their_language(
    bot: harness.Harness, officer, language: str, recorded: str
) -> None:
    await set_up_demo(bot.talk, exercise=False)
    private = FakeChat.private(officer)
    answers: list[str] = []

    async def said(text: str) -> dict:  # type: ignore[type-arg]
        reply = await bot.talk.say(officer, text, private)
        answers.append(_prose(reply))
        answers.extend(_buttons(reply))
        return reply

    await said(f"/language {language}")
    await said("/start")
    await said("/help")
    await said("/help seizure")
    await said("/help substances")
    await said("/help transport")
    await said("/help detection")
    cursor = bot.api.cursor(private.id)
    sent = bot.api.send_text(officer, private, "/seizure 2kg meth at ICN via courier")
    ack = await cursor.next()
    assert recorded in str(ack.get("text", ""))
    answers.append(_prose(ack))
    answers.extend(_buttons(ack))
    # A correction: the acknowledgement follows the edited message, in the officer's language.
    mark = bot.api.mark()
    bot.api.edit_text(officer, private, sent["message_id"], "/seizure 3kg meth at ICN")
    edited = await bot.api.wait_for_edit(private, message_id=ack["message_id"], after=mark)
    assert "3" in str(edited["text"]) and "✏️" in str(edited["text"])
    answers.append(_prose(edited))
    answers.extend(_buttons(edited))
    await said("/undo")
    await said("/undo")  # nothing newer to undo: a refusal
    await said("/void 99 entered twice")  # a refusal
    await said("/void x1 entered twice")  # a usage error with its example
    await said("/mine")
    await said("/nil")
    for text in answers:
        assert english_words(text) == [], text
    # In the group the same officer is still answered in their own language.
    group_ack = await bot.talk.say(officer, "/seizure 1kg meth at ICN", GROUP)
    assert english_words(_prose(group_ack)) == [], group_ack
    assert english_words(" ".join(_buttons(group_ack))) == [], group_ack


async def test_a_group_reads_in_two_languages(bot: harness.Harness) -> None:
    from bot import outbox
    from bot.render.i18n import _

    texts = outbox.in_languages(
        lambda: _("Wrong? Edit your message to correct it, or press Undo."), ("ko", "th")
    )
    assert len(texts) == 1 and "잘못" in texts[0] and "แก้ข้อความ" in texts[0]
