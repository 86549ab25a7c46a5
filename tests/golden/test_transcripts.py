"""Golden conversations: whole exchanges compared as a person reads them, label and spaces included.

A doubled EXERCISE label or a stray space in any answer changes the transcript and fails here,
whichever layer brought it in.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER, set_up_demo
from bot.sandbox import plain
from fakegram.types import FakeChat, FakeUser
from tests.e2e import conftest as harness
from tests.e2e.test_clock import scheduler

DIGEST_AT_8 = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)  # Sat 21 Nov 08:00 in Seoul


class Transcript:
    """What was said and what the bot answered, one line per message, as a chat shows it."""

    def __init__(self, bot: harness.Harness) -> None:
        self.bot = bot
        self.lines: list[str] = []

    def _where(self, chat: FakeChat) -> str:
        return "group" if chat.id == GROUP.id else "private"

    async def say(self, who: FakeUser, text: str, chat: FakeChat = GROUP) -> dict[str, object]:
        """Send text; record it and the bot's next message in that chat."""
        self.lines.append(f"{who.first_name} ({self._where(chat)}): {text}")
        reply = await self.bot.talk.say(who, text, chat)
        self._bot(chat, str(reply.get("text", "")))
        return reply

    async def edit(self, who: FakeUser, chat: FakeChat, message_id: int, text: str) -> None:
        """Edit a message; record it and the bot's edit of its acknowledgement."""
        self.lines.append(f"{who.first_name} edits ({self._where(chat)}): {text}")
        mark = self.bot.api.mark()
        self.bot.api.edit_text(who, chat, message_id, text)
        call = await self.bot.api.wait_for(lambda c: c.method == "editMessageText", after=mark)
        self._bot(chat, plain(str(call.params.get("text", ""))), edited=True)

    def _bot(self, chat: FakeChat, text: str, *, edited: bool = False) -> None:
        head = "bot edits" if edited else "bot"
        body = "\n".join(f"    {line}" if line else "" for line in text.split("\n"))
        self.lines.append(f"  {head} ({self._where(chat)}): " + body.lstrip())

    @property
    def text(self) -> str:
        """The whole exchange."""
        return "\n".join(self.lines)


async def _exercise(bot: harness.Harness) -> Transcript:
    await set_up_demo(bot.talk, exercise=True)
    return Transcript(bot)


async def test_a_report_its_correction_and_an_exercise_void(bot: harness.Harness) -> None:
    t = await _exercise(bot)
    sent = bot.api.send_text(KCS_OFFICER, GROUP, "/seizure 2kg meth at ICN via air cargo")
    cursor = bot.api.cursor(GROUP)
    t.lines.append("Park (group): /seizure 2kg meth at ICN via air cargo")
    t._bot(GROUP, str((await cursor.next()).get("text", "")))
    await t.edit(KCS_OFFICER, GROUP, int(sent["message_id"]), "/seizure 3kg meth at ICN")
    await t.say(COORDINATOR, "/void 1 entered twice")
    assert t.text == GOLDEN_REPORT, t.text


GOLDEN_REPORT = """\
Park (group): /seizure 2kg meth at ICN via air cargo
  bot (group): 🧪 EXERCISE · ✅ Recorded report SIREN #1 for KCS:
    • 2 kg methamphetamine
    at: ICN
    via: air cargo
    Wrong? Edit your message to correct it, or press Undo.
Park edits (group): /seizure 3kg meth at ICN
  bot edits (group): 🧪 EXERCISE · ✏️ Corrected report SIREN #1 for KCS:
    • 3 kg methamphetamine
    at: ICN
    Wrong? Edit your message to correct it, or press Undo.
Kim (group): /void 1 entered twice
  bot (group): 🧪 EXERCISE · ❌ Report SIREN #1 voided (entered twice): 3 kg methamphetamine. It no longer counts in the SIREN totals."""


async def test_an_exercise_summary_and_digest(bot: harness.Harness) -> None:
    t = await _exercise(bot)
    await t.say(KCS_OFFICER, "/seizure 2kg meth at ICN")
    await t.say(TCD_OFFICER, "/seizure 300 yaba at BKK")
    await t.say(COORDINATOR, "/summary")
    bot.clock.set(DIGEST_AT_8)
    mark = bot.api.mark()
    await scheduler(bot).run_due()
    call = await bot.api.wait_for(lambda c: c.method == "sendMessage", after=mark)
    t._bot(GROUP, plain(str(call.params.get("text", ""))))
    assert t.text == GOLDEN_SUMMARY, t.text


GOLDEN_SUMMARY = """\
Park (group): /seizure 2kg meth at ICN
  bot (group): 🧪 EXERCISE · ✅ Recorded report SIREN #1 for KCS:
    • 2 kg methamphetamine
    at: ICN
    Wrong? Edit your message to correct it, or press Undo.
Somchai (group): /seizure 300 yaba at BKK
  bot (group): 🧪 EXERCISE · ✅ Recorded report SIREN #2 for TCD:
    • 300 tablets methamphetamine
    at: BKK
    Wrong? Edit your message to correct it, or press Undo.
Kim (group): /summary
  bot (group): 🧪 EXERCISE · Summary · SIREN — Operation Siren
    Whole operation, 2026-11-20 (Asia/Seoul)
    By seizure date (the day it happened, or was reported if not said)
    Reports: 2, cases: 2
    Substance        Amount      Cases
    methamphetamine    2 kg          1
                     300 tablets     1

    Seizures reported: KCS, TCD
    Nil returns: none
    Silent: none
  bot (group): 🧪 EXERCISE · 📋 Daily digest · SIREN · Sat 21 Nov 08:00 (Asia/Seoul)
    No phases set (/phase add).

    Recorded since Fri 20 Nov 08:00 (by time of report): 2 reports
    methamphetamine    2 kg       1 case
                     300 tablets  1 case
    • Fri 09:30 (Bangkok 07:30) TCD — 300 tablets methamphetamine at BKK (#2)
    • Fri 09:30 KCS — 2 kg methamphetamine at ICN (#1)

    Running totals (whole operation, by seizure date)
    methamphetamine    2 kg       1 case
                     300 tablets  1 case

    Agencies (since Fri 20 Nov 08:00)
    ✅ KCS: reported 1 seizure
    ✅ TCD: reported 1 seizure"""


async def test_every_answer_of_an_exercise_is_labelled_once(bot: harness.Harness) -> None:
    """/mine, its empty form and a refusal carry the label exactly once, like every answer."""
    t = await _exercise(bot)
    private = FakeChat.private(KCS_OFFICER)
    await t.say(KCS_OFFICER, "/mine", private)
    await t.say(KCS_OFFICER, "/seizure 2kg meth at ICN", private)
    await t.say(KCS_OFFICER, "/void 9 no such report", private)
    answers = [line for line in t.lines if line.startswith("  bot")]
    assert len(answers) == 3
    assert all(line.count("🧪 EXERCISE") == 1 for line in answers), t.text
