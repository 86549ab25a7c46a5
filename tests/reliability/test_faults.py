"""A day of the operation while Telegram misbehaves ends exactly like the same day without faults.

The same scripted day (set-up, reports in the group and in private chats, a correction, an undo,
a void, nil returns, summaries, reminders, a phase start and the daily digest) runs twice on the
real Application: once against a well-behaved local Bot API, once with a seeded share of calls
answered 429 (retry_after), 500, 502, dropped or answered late. Both days must leave the same
reports, items and running totals, and the same messages in every chat, each delivered once.

OCU_SOAK=1 replays the day under several more seeds.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.demo import (
    COORDINATOR,
    GROUP,
    KCS_OFFICER,
    OBSERVER,
    TCD_OFFICER,
    set_up_demo,
)
from bot.render.replies import FAULT
from fakegram.server import FakeBotAPI
from fakegram.types import FAULT_KINDS, FakeChat, FakeUser
from tests.e2e.conftest import Harness, running_bot
from tests.reliability.invariants import database_problems

SEEDS = (1, 2, 3, 4, 5, 6) if os.environ.get("OCU_SOAK") == "1" else (1,)
FAULT_SHARE = 0.3
INVITE_CODE = re.compile(r"start=[A-Za-z0-9_-]+")
PRIVATE_KCS = FakeChat.private(KCS_OFFICER)
PRIVATE_TCD = FakeChat.private(TCD_OFFICER)
PRIVATE_COORDINATOR = FakeChat.private(COORDINATOR)
# Mostly in private chats: Telegram (and the rate limiter) allow a group 20 messages a minute.
REPORTS = (
    (KCS_OFFICER, GROUP, "/seizure 22kg methamphetamine, 479 ecstasy pills at ICN via air cargo"),
    (TCD_OFFICER, PRIVATE_TCD, "/s 300 yaba @BKK ref TH-{n}"),
    (KCS_OFFICER, PRIVATE_KCS, "/seizure 1.5 kg cocaine from Lima to Seoul ref KR-{n}"),
    (TCD_OFFICER, PRIVATE_TCD, "/seizure 2 L GHB at DMK post ref TH-{n}"),
    (KCS_OFFICER, GROUP, "/seizure 40 g zombie dust at ICN mail centre ref KR-{n}"),
)
_DB = {
    "seizure": "SELECT id, agency_id, officer_id, chat_id, message_id, update_id, text,"
    " reported_at, day, location, origin, destination, transport, reference, edited_at,"
    " voided_at, voided_by, void_reason, reply_chat_id, reply_message_id FROM seizure ORDER BY id",
    "seizure_item": "SELECT seizure_id, position, substance, substance_text, amount, amount_nano,"
    " unit, form FROM seizure_item ORDER BY seizure_id, position",
    "seizure_total": "SELECT * FROM seizure_total ORDER BY operation_id, grain, period,"
    " substance_key, unit, form, agency_id",
    "seizure_dim_total": "SELECT * FROM seizure_dim_total ORDER BY operation_id, dim, grain,"
    " period, dim_value, substance_key, unit, form, agency_id",
    "nil_return": "SELECT agency_id, officer_id, day, note FROM nil_return ORDER BY id",
    "scheduled": "SELECT m.kind, m.ref_id, m.due_at, m.status, d.chat_id, d.status AS delivery,"
    " d.message_id FROM scheduled_message AS m LEFT JOIN delivery AS d ON d.scheduled_id = m.id"
    " ORDER BY m.due_at, m.kind, m.ref_id",
}


@dataclass
class Day:
    """What a day left behind: rows, the chats' messages, answers to buttons, faults met."""

    rows: dict[str, list[dict[str, object]]]
    messages: dict[int, list[tuple[int, str, Any]]]
    sends: Counter[tuple[int, str]]
    button_answers: list[str]
    faults: Counter[str]
    calls: int
    problems: list[str]


async def _say(h: Harness, who: FakeUser, text: str, chat: FakeChat) -> dict[str, Any]:
    return await h.talk.say(who, text, chat)


async def _press(h: Harness, who: FakeUser, chat: FakeChat, message: dict[str, Any]) -> None:
    """Press the first button under a message and wait for the bot to answer the press."""
    data = message["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    mark = h.api.mark()
    query = h.api.press_button(who, chat, message["message_id"], data)
    await h.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.delivered
        and c.params["callback_query_id"] == query,
        after=mark, timeout=30,
    )  # fmt: skip
    await h.api.wait_for_edit(chat, message_id=message["message_id"], after=mark, timeout=30)


async def a_day(h: Harness) -> None:
    """Thursday 09:30 to Friday 09:30 in Seoul, as the unit lives it."""
    await set_up_demo(h.talk, exercise=False)
    await _say(h, COORDINATOR, "/phase add operational 2026-11-21 2026-11-30", GROUP)
    await _say(h, COORDINATOR, "/remind daily 18:00 Send your nil returns", GROUP)
    await _say(h, COORDINATOR, "/remind in 3h Check the manifests", GROUP)
    scheduler = h.app.bot_data.scheduler
    assert scheduler is not None
    scheduler.retry_delay_s = 0.05
    last: dict[str, Any] = {}
    for hour in range(24):
        who, chat, text = REPORTS[hour % len(REPORTS)]
        reply = await _say(h, who, text.format(n=hour), chat)
        assert "✅ Recorded report" in reply["text"], reply["text"]
        if hour == 4:
            # The author takes it back with the Undo button.
            await _press(h, who, chat, reply)
        if hour == 6:
            cursor = h.api.cursor(chat)
            sent = h.api.send_text(who, chat, "/seizure 3kg meth at ICN ref FIX")
            ack = await cursor.next(timeout=30)
            mark = h.api.mark()
            h.api.edit_text(who, chat, sent["message_id"], "/seizure 4kg meth at ICN ref FIX")
            await h.api.wait_for_edit(chat, message_id=ack["message_id"], after=mark, timeout=30)
        if hour == 9:
            await _say(h, TCD_OFFICER, "/nil DMK cargo checked", PRIVATE_TCD)
        if hour == 11:
            # Report #3 is the KCS officer's: they are told in private. Updates of different
            # chats run side by side, so that notice may land after the coordinator's answer;
            # wait for it here, or it would be taken for the answer to the next report.
            author = h.api.cursor(PRIVATE_KCS.id)
            last = await _say(h, COORDINATOR, "/void 3 entered twice", PRIVATE_COORDINATOR)
            assert "was voided" in (await author.next(timeout=30))["text"]
        if hour % 4 == 2:
            await _say(h, COORDINATOR, "/summary", PRIVATE_COORDINATOR)
            await _say(h, OBSERVER, "/summary by agency", FakeChat.private(OBSERVER))
        if hour % 6 == 5:
            await _say(h, who, "/mine", FakeChat.private(who))
        h.clock.advance(timedelta(hours=1))
        await scheduler.run_due()
    assert "voided" in last["text"]
    await _say(h, COORDINATOR, "/summary all by location", GROUP)
    await _say(h, COORDINATOR, "/digest now", PRIVATE_COORDINATOR)


def _same_codes(text: str) -> str:
    """Invite codes are random in every run; the rest of a message is not."""
    return INVITE_CODE.sub("start=CODE", text)


async def run_day(folder: Path, *, seed: int | None) -> Day:
    """The day on a fresh bot and database; faults from the first command on when seeded."""
    folder.mkdir()  # noqa: ASYNC240 - once, before anything runs
    async with FakeBotAPI() as api:
        async with running_bot(api, folder, answer_within=30) as h:
            if seed is not None:
                api.fault_rate(FAULT_SHARE, FAULT_KINDS, seed=seed, retry_after=1, delay=0.3)
            await a_day(h)
            api.clear_faults()
            rows = {name: await h.rows(sql) for name, sql in _DB.items()}
            database = h.db_path
        assert api.unknown_calls == []
    messages: dict[int, list[tuple[int, str, Any]]] = {}
    for m in api.sent_messages():
        messages.setdefault(m["chat"]["id"], []).append(
            (m["message_id"], _same_codes(str(m.get("text") or "")), m.get("reply_markup"))
        )
    sends = Counter(
        (c.result["chat"]["id"], _same_codes(str(c.result.get("text") or "")))
        for c in api.calls
        if c.method == "sendMessage" and c.delivered
    )
    answers = [
        str(c.params.get("text") or "")
        for c in api.calls
        if c.method == "answerCallbackQuery" and c.delivered
    ]
    faults = Counter(str(c.fault) for c in api.calls if c.fault is not None)
    calls = sum(1 for c in api.calls if c.method != "getUpdates")
    problems = await database_problems(database)
    return Day(rows, messages, sends, answers, faults, calls, problems)


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
@pytest.mark.parametrize("seed", SEEDS)
async def test_a_day_under_telegram_faults_ends_as_a_clean_day(tmp_path: Path, seed: int) -> None:
    clean = await run_day(tmp_path / "clean", seed=None)
    faulty = await run_day(tmp_path / "faulty", seed=seed)
    print(
        f"seed {seed}: {sum(faulty.faults.values())} faults in {faulty.calls} Bot API calls"
        f" {dict(faulty.faults)}; the clean day made {clean.calls} calls"
    )
    # The faults really happened, of every kind.
    assert set(faulty.faults) == set(FAULT_KINDS)
    assert clean.faults == Counter()
    for day in (clean, faulty):
        assert day.problems == []
        assert [n for n in day.sends.values() if n > 1] == [], "a message was delivered twice"
        texts = [t for chat in day.messages.values() for _, t, _ in chat]
        assert not [t for t in texts if FAULT in t or "Traceback" in t]
    for name, rows in clean.rows.items():
        assert faulty.rows[name] == rows, name
    assert faulty.messages == clean.messages
    assert faulty.sends == clean.sends
    assert faulty.button_answers == clean.button_answers
    # The day had what it promised: reports, a voided one, a correction, the clock's messages.
    kinds = {(r["kind"], r["delivery"]) for r in clean.rows["scheduled"] if r["delivery"]}
    assert kinds == {("reminder", "sent"), ("phase_start", "sent"), ("digest", "sent")}
    assert len(clean.rows["seizure"]) == 25


# Longer than PTB's read timeout (5 s): the bot gives up waiting while Telegram acted.
PAST_READ_TIMEOUT = 6.0


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_answers_slower_than_the_read_timeout_are_never_repeated_nor_a_fault(
    tmp_path: Path,
) -> None:
    """A reply, an answer and a scheduled message each reach Telegram, whose answer comes too
    late: each is in its chat once, nothing says "try again", and what was recorded stands."""
    folder = tmp_path / "slow"
    folder.mkdir()
    async with FakeBotAPI() as api, running_bot(api, folder, answer_within=30) as h:
        await set_up_demo(h.talk, exercise=False)
        scheduler = h.app.bot_data.scheduler
        assert scheduler is not None
        await _say(h, COORDINATOR, "/remind in 1h Check the manifests", GROUP)

        def slow(chat: FakeChat) -> None:
            api.inject_fault("sendMessage", "slow", delay=PAST_READ_TIMEOUT, chat_id=chat.id)

        slow(GROUP)
        ack = await _say(h, KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
        assert "✅ Recorded report SIREN #1" in ack["text"]
        slow(PRIVATE_TCD)
        nil = await _say(h, TCD_OFFICER, "/nil BKK checked", PRIVATE_TCD)
        assert nil["text"].startswith("Nil return recorded")
        # Updates are handled in turn: an error reply to either would come before these.
        assert "#1" in (await _say(h, KCS_OFFICER, "/mine", PRIVATE_KCS))["text"]
        assert "Summary" in (await _say(h, TCD_OFFICER, "/summary", PRIVATE_TCD))["text"]
        slow(GROUP)
        h.clock.advance(timedelta(hours=1))
        await scheduler.run_due()
        await scheduler.run_due()  # a second pass sends nothing again
        rows = {name: await h.rows(sql) for name, sql in _DB.items()}
        faults = [c for c in api.calls if c.fault == "slow"]
    assert len(faults) == 3
    texts = [str(m.get("text") or "") for m in api.sent_messages()]
    assert not [t for t in texts if FAULT in t or "Traceback" in t]
    sends = Counter(
        (c.result["chat"]["id"], str(c.result.get("text")))
        for c in api.calls if c.method == "sendMessage" and c.delivered
    )  # fmt: skip
    assert [k for k, n in sends.items() if n > 1] == []
    assert [t for t in texts if "Check the manifests" in t and "⏰ Reminder:" in t] == [
        "⏰ Reminder: Check the manifests"
    ]
    assert len(rows["seizure"]) == 1 and len(rows["nil_return"]) == 1
    [reminder] = [r for r in rows["scheduled"] if r["kind"] == "reminder"]
    # It may have arrived, so it is never sent again; the record says so.
    assert reminder["delivery"] == "interrupted"
