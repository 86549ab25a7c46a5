"""Killed at random moments: every report is kept once, every command done once, nothing lost.

The bot runs as its own process (`python -m bot run`) against the emulation in this process. It
is killed with SIGKILL again and again — while starting, while reading updates, in the middle of
a report's transaction, just before or just after Telegram accepts its acknowledgement or a
scheduled message — and started again, while officers keep reporting, correcting (edits) and
sending nil returns, and the coordinator voids reports and sets reminders, phases, aliases and
the digest time. Then what everyone typed is held against the database: every report that
reached the bot is recorded once (acknowledged or not), every command took effect once.

OCU_SOAK=1 runs 500 kills instead of 50; OCU_CRASH_SEED picks another sequence of kills.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.demo import (
    ADMIN,
    COORDINATOR,
    GROUP,
    KCS_OFFICER,
    TCD_OFFICER,
    Conversation,
    invite_code,
    set_up_demo,
)
from bot.domain.clock import utc_text
from bot.render.replies import FAULT
from fakegram.types import FakeChat, FakeUser, JSONDict
from handlers.seizures import RESEND_WINDOW
from tests.reliability.invariants import database_problems, read
from tests.reliability.process import BotProcess, WatchedBotAPI, write_config

SOAK = os.environ.get("OCU_SOAK") == "1"
KILLS = 500 if SOAK else 50
SEED = int(os.environ.get("OCU_CRASH_SEED", "20261120"))
ACK = re.compile(r"✅ Recorded report \w+ #(\d+)")
TAG = re.compile(r"<[^>]+>")
REMINDER = "Crash drill radio check"
REMINDERS = 4  # due together a minute after the set-up, with the digest about then too
STARTUP_CALLS = 11  # getMe, setMyCommands x3 scopes x3 languages, deleteWebhook
# A run whose trigger never came (it went idle) is killed this long after its first call (getMe):
# timed from there, not from the start, so that a slow start on a busy machine is not all a run
# does.
IDLE_KILL_S = 2.5
# Nil returns come from a post that seizes nothing: a nil on a day its agency reported seizures
# is asked about first, and the storm presses no buttons.
MAIL_OFFICER = FakeUser(1010, "Mali", "Mailroom", username="mali_mail")
OFFICERS = (
    (KCS_OFFICER, GROUP),
    (TCD_OFFICER, GROUP),
    (KCS_OFFICER, FakeChat.private(KCS_OFFICER)),
    (TCD_OFFICER, FakeChat.private(TCD_OFFICER)),
)


@dataclass(frozen=True)
class Typed:
    """A report as an officer typed it."""

    text: str
    items: int
    user: FakeUser
    chat: FakeChat
    at: float  # time.monotonic()


@dataclass
class Officers:
    """What the officers and the coordinator typed: reports by (chat id, message id), and more."""

    api: WatchedBotAPI
    rng: random.Random
    sent: dict[tuple[int, int], Typed] = field(default_factory=dict)
    edits: int = 0
    voided: dict[int, tuple[int, int]] = field(default_factory=dict)  # report number -> message
    nils: list[str] = field(default_factory=list)
    commands: Counter[str] = field(default_factory=Counter)  # audit action -> commands sent
    digest_at: str = ""

    def act(self) -> None:
        """Something someone would do: mostly a new report, else one of the other commands."""
        roll = self.rng.random()
        if roll < 0.6 or not self.sent:
            self.report()
        elif roll < 0.7:
            self.edit()
        elif roll < 0.78:
            self.void()
        elif roll < 0.86:
            self.nil()
        else:
            self.coordinate()

    def _acknowledged(self) -> dict[tuple[int, int], int]:
        """Report numbers of the officers' messages acknowledged so far."""
        return {(c, m): n for c, m, n in _acks(self.api) if (c, m) in self.sent}

    def edit(self) -> None:
        """An officer corrects an acknowledged report of theirs (not a voided one)."""
        voided = set(self.voided.values())
        choices = sorted(k for k in self._acknowledged() if k not in voided)
        if not choices:
            return self.report()
        key = self.rng.choice(choices)
        typed = self.sent[key]
        self.edits += 1
        text = re.sub(r" ref CR-\S+", f" ref CR-E{self.edits}", typed.text)
        self.api.edit_text(typed.user, typed.chat, key[1], text)
        self.sent[key] = replace(typed, text=text)

    def void(self) -> None:
        """The coordinator voids an acknowledged report nobody is correcting."""
        acked = self._acknowledged()
        choices = sorted(n for k, n in acked.items() if n not in self.voided)
        if not choices:
            return self.report()
        number = self.rng.choice(choices)
        self.voided[number] = next(k for k, n in acked.items() if n == number)
        self._coordinator(f"/void {number} crash drill void", "seizure.void")

    def nil(self) -> None:
        """An officer sends the day's nil return (once: a second one that day counts nothing)."""
        if self.nils:
            return self.report()
        user = MAIL_OFFICER
        note = f"crash drill nil {len(self.nils) + 1}"
        self.nils.append(note)
        self.api.send_text(user, FakeChat.private(user), f"/nil {note}")

    def coordinate(self) -> None:
        """A coordinator command that writes: a reminder, a phase, an alias, the digest time."""
        n = sum(self.commands.values()) + 1
        day = date(2027, 1, 1) + timedelta(days=2 * n)
        text, action = self.rng.choice(
            (
                (f"/remind in 3h Crash drill standby {n}", "reminder.add"),
                (f"/phase add drill{n} {day} {day + timedelta(days=1)}", "phase.add"),
                (f"/alias drill dust {n} cocaine", "alias.add"),
                (f"/digest at {self.digest_at}", "digest.set"),
            )
        )
        self._coordinator(text, action)

    def _coordinator(self, text: str, action: str) -> None:
        self.commands[action] += 1
        self.api.send_text(COORDINATOR, FakeChat.private(COORDINATOR), text)

    def report(self) -> None:
        """One officer sends a new report of one or two items, each text unique."""
        user, chat = self.rng.choice(OFFICERS)
        n = len(self.sent) + 1
        if self.rng.random() < 0.5:
            text, items = f"/seizure {n} g cocaine at ICN ref CR-{n}", 1
        else:
            text, items = f"/seizure {n}kg meth, {n} ecstasy pills at BKK ref CR-{n}", 2
        message = self.api.send_text(user, chat, text)
        self.sent[(chat.id, message["message_id"])] = Typed(
            text, items, user, chat, time.monotonic()
        )


@dataclass
class KillSwitch:
    """Kills the current run at its n-th watched call, before or after the call takes effect.

    Every scheduled message (reminder, digest) also risks a kill on either side of Telegram
    accepting it, whatever the run's own trigger is.
    """

    bot: BotProcess
    rng: random.Random
    at_call: int = 0
    after_effect: bool = False
    seen: int = 0
    kill_after_scheduled: bool = False
    kinds: Counter[str] = field(default_factory=Counter)

    def arm(self, at_call: int, *, after_effect: bool) -> None:
        self.at_call, self.after_effect, self.seen = at_call, after_effect, 0

    def disarm(self) -> None:
        self.at_call = 0

    def before(self, method: str, params: JSONDict) -> bool:
        if _scheduled(params):
            choice = self.rng.choice(("before", "after", "none"))
            self.kill_after_scheduled = choice == "after"
            return choice == "before" and self.kill("scheduled send, before it took effect")
        self.seen += 1
        if self.seen == self.at_call and not self.after_effect:
            return self.kill(f"{method}, before it took effect")
        return False

    def after(self, method: str, params: JSONDict) -> None:
        if _scheduled(params):
            if self.kill_after_scheduled:
                self.kill("scheduled send, after it took effect")
        elif self.seen == self.at_call and self.after_effect:
            self.kill(f"{method}, after it took effect")

    def kill(self, why: str) -> bool:
        """Kill the run now (if it still runs), counting why."""
        self.disarm()
        self.kill_after_scheduled = False
        if self.bot.running:
            self.kinds[why] += 1
            self.bot.kill()
        return True


def _scheduled(params: JSONDict) -> bool:
    return _scheduled_kind(str(params.get("text") or "")) is not None


def _scheduled_kind(text: str) -> str | None:
    """'reminder' or 'digest' for a message the clock sends (HTML tags or not), else None."""
    plain = TAG.sub("", text)
    if plain.startswith(f"⏰ Reminder: {REMINDER}"):
        return "reminder"
    if plain.startswith("📋 Daily digest"):
        return "digest"
    return None


async def _ready(api: WatchedBotAPI, bot: BotProcess, mark: int) -> None:
    """Wait for the run to poll for updates (its start-up is done)."""
    await api.wait_for(lambda c: c.method == "getUpdates", after=mark, timeout=30)
    assert bot.running


def _seoul_minute_after(moment: datetime, lead: timedelta) -> tuple[str, datetime]:
    """The first whole minute at least `lead` after `moment`, as Seoul HH:MM and as UTC."""
    due = (moment + lead).replace(second=0, microsecond=0) + timedelta(minutes=1)
    return due.astimezone(ZoneInfo("Asia/Seoul")).strftime("%H:%M"), due


def _open_due(db: Path) -> list[dict[str, object]]:
    now = utc_text(datetime.now(UTC))
    return read(
        db,
        "SELECT id, kind, status FROM scheduled_message WHERE due_at <= ?"
        " AND status IN ('pending', 'sending')",
        (now,),
    )


async def _set_up(api: WatchedBotAPI, bot: BotProcess) -> tuple[Conversation, datetime, str]:
    """The demo operation through the bot's own commands; reminders and a digest due soon."""
    mark = api.mark()
    await bot.start()
    await _ready(api, bot, mark)
    talk = Conversation(api)
    await set_up_demo(talk, exercise=False)
    await talk.say(ADMIN, '/agency add MAIL "International Mail Centre" Asia/Seoul')
    link = await talk.text(ADMIN, "/invite officer MAIL")
    assert "officer of MAIL" in await talk.text(MAIL_OFFICER, f"/start {invite_code(link)}")
    for n in range(1, REMINDERS + 1):
        reply = await talk.text(COORDINATOR, f"/remind in 1m {REMINDER} {n}", GROUP)
        assert f"Reminder #{n} set" in reply
    hhmm, digest_due = _seoul_minute_after(datetime.now(UTC), timedelta(seconds=25))
    assert "digest now comes at" in await talk.text(COORDINATOR, f"/digest at {hhmm}", GROUP)
    assert await bot.stop() == 0
    return talk, max(digest_due, datetime.now(UTC) + timedelta(minutes=1)), hhmm


async def _storm(
    api: WatchedBotAPI,
    bot: BotProcess,
    officers: Officers,
    switch: KillSwitch,
    rng: random.Random,
    until: datetime,
) -> int:
    """Start, kill, start again, while officers report: KILLS times, and past `until`."""
    loop = asyncio.get_running_loop()
    kills = 0
    while kills < KILLS or datetime.now(UTC) < until:
        # Officers keep typing while the bot is down, and after it is back.
        for _ in range(rng.randint(0, 3)):
            officers.act()
        later = rng.randint(0, 3)
        typing = _after_startup(api, officers, later)
        api.after.append(typing)
        if rng.random() < 0.6:
            switch.arm(rng.randint(1, STARTUP_CALLS + 3 + later), after_effect=rng.random() < 0.5)
            delay, why = IDLE_KILL_S, "idle, its trigger never came"
        else:
            switch.disarm()
            delay, why = rng.uniform(0.3, 1.4), "at a random moment"
        timers: list[asyncio.TimerHandle] = []
        kill_later = partial(loop.call_later, delay, switch.kill, why)
        started = _on_first_call(api, lambda later=kill_later, held=timers: held.append(later()))
        api.before.append(started)
        await bot.start()
        try:
            status = await bot.wait_exit(60)
        finally:
            for timer in timers:
                timer.cancel()
            for hook in (typing, started):
                for hooks in (api.after, api.before):
                    if hook in hooks:
                        hooks.remove(hook)
        # Killed, never ended on its own: a crash would show here.
        assert status == -signal.SIGKILL, bot.log_text()[-3000:]
        kills += 1
    switch.disarm()
    return kills


async def test_acknowledged_reports_and_scheduled_messages_survive_kills(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    async with WatchedBotAPI() as api:
        bot = BotProcess(write_config(tmp_path, api), tmp_path / "logs")
        db = tmp_path / "ocu.sqlite3"
        officers = Officers(api, random.Random(SEED + 1))
        switch = KillSwitch(bot, random.Random(SEED + 2))
        try:
            talk, last_due, officers.digest_at = await _set_up(api, bot)
            before = _audited(db)
            api.before.append(switch.before)
            api.after.append(switch.after)
            kills = await _storm(
                api, bot, officers, switch, rng, until=last_due + timedelta(seconds=3)
            )
            api.before.remove(switch.before)
            api.after.remove(switch.after)
            in_storm = len({(c, m) for c, m, _ in _acks(api) if (c, m) in officers.sent})

            # A clean run: it takes what was left, sends what fell due, and stops when told.
            mark = api.mark()
            await bot.start()
            await _ready(api, bot, mark)
            # Group answers are paced (20 a minute), so taking up the rest can take a while.
            await api.wait_for(
                lambda c: (
                    c.method == "getUpdates"
                    and api.pending_update_count == 0
                    and not _open_due(db)
                    and not _waiting(db)
                ),
                after=mark,
                timeout=300,
            )
            # Every update was taken and handled (above); this answer shows the run still answers.
            cursor = api.cursor(FakeChat.private(COORDINATOR))
            api.send_text(COORDINATOR, FakeChat.private(COORDINATOR), "/help seizure")
            while "/seizure" not in str((await cursor.next(timeout=60)).get("text")):
                pass
            report = _check_reports_reached(officers, db)
            report += _check_commands(officers, db, before)
            report += await _resend_unacknowledged(api, officers, db)
            final = await talk.say(KCS_OFFICER, "/seizure 1 g heroin at ICN ref FINAL")
            assert ACK.search(final["text"])
            assert await bot.stop() == 0
        finally:
            if bot.running:
                bot.kill()
                await bot.wait_exit(10)

        report.append(f"acknowledged while the kills went on: {in_storm}; the rest after them")
        report += _check_reports(api, officers, db)
        report += _check_scheduled(api, db)
        report.append(f"kills: {kills}")
        report += [f"  {n} x {why}" for why, n in switch.kinds.most_common()]
        print("\n".join(report))
        assert await database_problems(db) == []
        log = bot.log_text()
        assert "ERROR bot.app" not in log, log[-3000:]
        texts = [str(m.get("text") or "") for m in api.sent_messages()]
        assert not [t for t in texts if "Traceback" in t or FAULT in t]
        assert api.unknown_calls == []


def _on_first_call(api: WatchedBotAPI, then):
    """A `before` hook: at the run's first call (its start-up is done), `then()`, once."""

    def hook(method: str, params: JSONDict) -> bool:
        api.before.remove(hook)
        then()
        return False

    return hook


def _after_startup(api: WatchedBotAPI, officers: Officers, reports: int):
    """A hook: once the run has deleted the webhook (it is about to poll), officers report."""

    def hook(method: str, params: JSONDict) -> None:
        if method == "deleteWebhook":
            api.after.remove(hook)
            for _ in range(reports):
                officers.act()

    return hook


def _acks(api: WatchedBotAPI) -> list[tuple[int, int, int]]:
    """(chat id, replied-to message id, report number) of every delivered acknowledgement."""
    found = []
    for call in api.calls:
        if call.method != "sendMessage" or not call.delivered:
            continue
        match = ACK.search(str(call.result.get("text") or ""))
        if match:
            replied = call.result["reply_to_message"]["message_id"]
            found.append((call.result["chat"]["id"], replied, int(match.group(1))))
    return found


def _check_reports(api: WatchedBotAPI, officers: Officers, db: Path) -> list[str]:
    # Acknowledgements show the report's number in its operation (one operation here).
    rows = read(db, "SELECT number AS id, chat_id, message_id, text FROM seizure")
    by_id = {int(r["id"]): r for r in rows}
    items = {
        int(r["seizure_id"]): int(r["n"])
        for r in read(
            db,
            "SELECT s.number AS seizure_id, count(*) AS n FROM seizure_item i"
            " JOIN seizure s ON s.id = i.seizure_id GROUP BY s.id",
        )
    }
    acks = [a for a in _acks(api) if (a[0], a[1]) in officers.sent]
    acked_messages: dict[tuple[int, int], set[int]] = {}
    for chat_id, message_id, number in acks:
        acked_messages.setdefault((chat_id, message_id), set()).add(number)
    for (chat_id, message_id), numbers in acked_messages.items():
        typed = officers.sent[(chat_id, message_id)]
        text, n_items = typed.text, typed.items
        # One report number per message, however often it was acknowledged.
        assert len(numbers) == 1, (text, numbers)
        (number,) = numbers
        row = by_id.get(number)
        assert row is not None, f"acknowledged report #{number} ({text}) is not in the database"
        assert (row["chat_id"], row["message_id"], row["text"]) == (chat_id, message_id, text)
        assert items[number] == n_items
    # Nothing recorded that nobody sent, nothing recorded twice.
    texts = Counter(str(r["text"]) for r in rows)
    assert [t for t, n in texts.items() if n > 1] == []
    sent_texts = {typed.text for typed in officers.sent.values()}
    assert set(texts) - sent_texts <= {"/seizure 1 g heroin at ICN ref FINAL"}
    # What an officer typed (and resent when no acknowledgement came) is there, once.
    assert sent_texts <= set(texts), sorted(sent_texts - set(texts))[:5]
    return [
        f"after the resends: {len(rows) - 1} reports recorded, each once; acknowledgements"
        f" delivered: {len(acks)} for {len(acked_messages)} messages"
    ]


async def _resend_unacknowledged(api: WatchedBotAPI, officers: Officers, db: Path) -> list[str]:
    """Officers who saw no ✅ send the same text again, as they would, within a few minutes.

    They send it to the bot in private (a group hears at most 20 messages a minute from a bot).
    A report that was recorded gets the question "You sent exactly this report 1 min ago (#N)"
    (and is not recorded again); one that was lost is recorded now.
    """
    acked = {(chat_id, message_id) for chat_id, message_id, _ in _acks(api)}
    recorded = {str(r["text"]): int(r["id"]) for r in read(db, "SELECT id, text FROM seizure")}
    window = time.monotonic() - RESEND_WINDOW.total_seconds() + 60
    unacknowledged = [typed for key, typed in list(officers.sent.items()) if key not in acked]
    # However old: all of them. Only a soak outlasts the window in which the bot asks about a
    # resent text (later it is a new report); there every report was checked above already.
    if not SOAK:
        assert all(typed.at > window for typed in unacknowledged)
    unacknowledged = [typed for typed in unacknowledged if typed.at > window]
    asked = saved = 0
    for typed in unacknowledged:
        private = FakeChat.private(typed.user)
        cursor = api.cursor(private)
        again = api.send_text(typed.user, private, typed.text)
        answer = str((await cursor.next(timeout=30)).get("text") or "")
        if typed.text in recorded:
            number = recorded[typed.text]
            assert answer.startswith("You sent exactly this report"), answer
            assert f"(#{number}). Record it again" in answer, answer
            asked += 1
        else:
            assert ACK.search(answer), (typed.text, answer)
            saved += 1
            officers.sent[(private.id, again["message_id"])] = typed
    return [
        f"reports typed: {len(officers.sent) - saved}; acknowledged before the resends:"
        f" {len(acked)}; not acknowledged: {len(unacknowledged)}, of which recorded (the resend"
        f" is asked about, not recorded again) {asked}, lost (recorded on the resend) {saved}"
    ]


def _waiting(db: Path) -> int:
    """Updates the bot kept and has not handled yet."""
    return len(read(db, "SELECT update_id FROM update_inbox WHERE handled_at IS NULL"))


def _audited(db: Path) -> Counter[str]:
    rows = read(db, "SELECT action, count(*) AS n FROM audit_log GROUP BY action")
    return Counter({str(r["action"]): int(r["n"]) for r in rows})


def _check_reports_reached(officers: Officers, db: Path) -> list[str]:
    """Before any resend: every report typed reached the bot and is recorded once, as corrected.

    A clean run took everything the emulation still held, so every report reached the bot; one
    that is missing now was lost by a kill, acknowledged or not.
    """
    rows = read(db, "SELECT id, chat_id, message_id, text, voided_at FROM seizure")
    by_message = Counter((int(r["chat_id"]), int(r["message_id"])) for r in rows)
    assert [k for k, n in by_message.items() if n > 1] == []
    lost = [typed.text for key, typed in officers.sent.items() if key not in by_message]
    stored = {(int(r["chat_id"]), int(r["message_id"])): r for r in rows}
    # Corrections: the report reads as its last edit; voids: the reports voided are void.
    assert [
        (typed.text, stored[key]["text"])
        for key, typed in officers.sent.items()
        if key in stored and stored[key]["text"] != typed.text
    ] == []
    voided = {int(r["id"]) for r in rows if r["voided_at"] is not None}
    assert voided == set(officers.voided), (sorted(voided), sorted(officers.voided))
    summary = [
        f"reports typed: {len(officers.sent)}; recorded before any resend: {len(rows)}"
        f" (each once); lost: {len(lost)}"
    ]
    assert lost == [], (summary, lost[:5])
    return summary


def _check_commands(officers: Officers, db: Path, before: Counter[str]) -> list[str]:
    """Every correction, void, nil return and coordinator command took effect exactly once."""
    made = _audited(db) - before
    expected = Counter(officers.commands)
    expected["seizure.correct"] = officers.edits
    expected["nil.report"] = len(officers.nils)
    done = {action: made[action] for action in expected}
    assert done == dict(expected), (done, dict(expected))
    nils = Counter(
        str(r["note"]) for r in read(db, "SELECT note FROM nil_return WHERE note LIKE 'crash%'")
    )
    assert nils == Counter(officers.nils)
    return [f"commands besides reports, each done once: {dict(sorted(expected.items()))}"]


def _check_scheduled(api: WatchedBotAPI, db: Path) -> list[str]:
    rows = read(
        db,
        "SELECT m.id, m.kind, m.status, d.status AS delivery, d.message_id"
        " FROM scheduled_message AS m"
        " LEFT JOIN delivery AS d ON d.scheduled_id = m.id"
        " WHERE m.due_at <= ? AND m.status <> 'cancelled'",
        (utc_text(datetime.now(UTC)),),
    )
    delivered = Counter(
        kind
        for m in api.sent_messages(GROUP)
        if (kind := _scheduled_kind(str(m.get("text") or ""))) is not None
    )
    in_group = {m["message_id"]: str(m.get("text") or "") for m in api.sent_messages(GROUP)}
    texts = Counter(in_group.values())
    assert [t for t, n in texts.items() if n > 1 and _scheduled_kind(t)] == []
    assert {str(r["kind"]) for r in rows} == {"reminder", "digest"}, rows
    lines = []
    for kind in ("reminder", "digest"):
        mine = [r for r in rows if r["kind"] == kind]
        deliveries = Counter(str(r["delivery"]) for r in mine)
        # Settled, never twice; each delivered unless a kill fell inside its send, and then the
        # delivery row says so ('interrupted') instead of pretending it was sent.
        assert [r for r in mine if r["status"] in ("pending", "sending")] == []
        assert set(deliveries) <= {"sent", "interrupted"}, mine
        assert deliveries["sent"] <= delivered[kind] <= len(mine), (kind, delivered, mine)
        for row in mine:
            if row["delivery"] == "sent":
                assert _scheduled_kind(in_group[row["message_id"]]) == kind, row
            # The row's status agrees with its one delivery (one bound group): sent or late
            # when it was sent, failed when the send was interrupted, none when not sent.
            agrees = {
                "sent": ("sent", "late"),
                "interrupted": ("failed",),
                "None": ("missed", "cancelled"),
            }[str(row["delivery"])]
            assert row["status"] in agrees, row
        lines.append(
            f"{kind}: {len(mine)} due, delivered {delivered[kind]}x, deliveries {dict(deliveries)}"
        )
    return lines
