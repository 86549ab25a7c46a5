"""No outsider and no member of another operation ever receives a byte of an operation's data.

Two operations, KESTREL and TUNDRA, each with its coordinator, officer, group and reports; an
outsider; a group bound to neither. Hypothesis plays sequences of people doing things in chats
(private chats, either operation's group, the unbound group): reporting, asking for summaries,
exports and digest previews, binding groups, switching operations, revoking and re-inviting
members, and letting a day pass so that digests and reminders go out. After every step, each
message, edit, file and button answer the bot sent is held against who could read it at that
moment (a group's operation, a person's memberships): none may contain another operation's
code, title, agencies, people, places, references or amounts, unless the reader typed the very
word in the step. Files are opened (CSV and XLSX cells, a chart's PNG text) and searched too.

A group's readers are the people sitting in it, not whatever its binding says now: each group
may show its own operation's data, and another's only after an admin moved it there (nobody
else is coordinator of both). Writes are held to the same rule after every step: each group
stays bound where it may be, each new report belongs to an operation its author (or the group
it was sent in) belongs to, and each change in the audit log was made by someone entitled to it.
Each sequence starts from the same database, set up through the commands.

OCU_SOAK=1 plays ten times as many sequences.
"""

from __future__ import annotations

import asyncio
import io
import os
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
import pytest_asyncio
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.demo import ADMIN, COORDINATOR, KCS_OFFICER, OBSERVER, OUTSIDER, Conversation, invite_code
from bot.domain.clock import ManualClock
from fakegram.calls import EDIT_METHODS, SEND_METHODS
from fakegram.server import FakeBotAPI
from fakegram.types import Call, FakeChat, FakeUser
from tests.e2e.conftest import START, Harness, make_config, start_bot, stop_bot
from tests.reliability.invariants import read

pytestmark = pytest.mark.asyncio(loop_scope="module")

SEQUENCES = 200 if os.environ.get("OCU_SOAK") == "1" else 20

B_COORDINATOR = FakeUser(2001, "Berit", "Lund", username="berit_tnd")
B_OFFICER = FakeUser(2002, "Bram", "Peeters", username="bram_bzw")
WATCHER = FakeUser(2999, "Wendy", "Watcher")  # only presses the sentinel button
GROUP_A = FakeChat(-100200300, "group", title="Kestrel OCU")
GROUP_B = FakeChat(-100500500, "group", title="Tundra OCU")
LOBBY = FakeChat(-100600600, "group", title="Customs lobby")
PEOPLE = (ADMIN, COORDINATOR, KCS_OFFICER, OBSERVER, B_COORDINATOR, B_OFFICER, OUTSIDER)


@dataclass(frozen=True)
class Operation:
    """One operation as the test knows it: its code and the words that are its data."""

    code: str
    markers: tuple[str, ...]
    report: str
    reminder: str


KESTREL = Operation(
    "KESTREL",
    ("KESTREL", "Kestrel", "AQX", "Aquila", "Ostrava", "KST-7741", "4.321 kg", "4321",
     "Park Ji-woo", "Kim Min-jun", "Olga Observer", "Falcon drill"),
    "/seizure 4321 g cocaine at Ostrava-Dock ref KST-7741",
    "/remind daily 09:00 Falcon drill at the pier",
)  # fmt: skip
TUNDRA = Operation(
    "TUNDRA",
    ("TUNDRA", "Tundra", "BZW", "Borealis", "Fjordgate", "TND-5529", "8.765 kg", "8765",
     "Berit Lund", "Bram Peeters", "Walrus watch"),
    "/seizure 8765 g heroin at Fjordgate ref TND-5529",
    "/remind daily 09:00 Walrus watch on the quay",
)  # fmt: skip
OPERATIONS = (KESTREL, TUNDRA)
HOME = {
    COORDINATOR.id: KESTREL, KCS_OFFICER.id: KESTREL, OBSERVER.id: KESTREL,
    B_COORDINATOR.id: TUNDRA, B_OFFICER.id: TUNDRA,
}  # fmt: skip
HOME_COORDINATOR = {KESTREL.code: COORDINATOR, TUNDRA.code: B_COORDINATOR}


async def _set_up(talk: Conversation) -> None:
    """Both operations, through the bot's own commands, as their coordinators would."""
    for op, tz, agency, coordinator, officer, group in (
        (KESTREL, "Asia/Seoul", 'AQX "Aquila Customs Bureau" Asia/Seoul', COORDINATOR,
         KCS_OFFICER, GROUP_A),
        (TUNDRA, "Europe/Brussels", 'BZW "Borealis Customs" Europe/Brussels', B_COORDINATOR,
         B_OFFICER, GROUP_B),
    ):  # fmt: skip
        title = f"Operation {op.code.title()}"
        await talk.say(ADMIN, f'/operation new {op.code} "{title}" {tz}')
        await talk.say(ADMIN, f"/use {op.code}")
        await talk.say(ADMIN, f"/agency add {agency}")
        code = agency.split()[0]
        for user, role in ((coordinator, "coordinator"), (officer, f"officer {code}")):
            link = await talk.text(ADMIN, f"/invite {role}")
            await talk.say(user, f"/start {invite_code(link)}")
        await talk.say(coordinator, f"/bind {op.code}", group)
        await talk.say(officer, op.report, group)
        await talk.say(coordinator, op.reminder)
    link = await talk.text(COORDINATOR, "/invite observer")
    await talk.say(OBSERVER, f"/start {invite_code(link)}")
    await talk.say(OUTSIDER, "/start")
    await talk.say(WATCHER, "/start")


@dataclass
class World:
    """The emulated Telegram, and the database both operations were set up in."""

    api: FakeBotAPI
    template: Path


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def world(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[World]:
    """Both operations set up once; every sequence starts from a copy of that database.

    One emulation for the module: Telegram's message and update ids only ever grow.
    """
    folder = tmp_path_factory.mktemp("isolation")
    async with FakeBotAPI() as api:
        for chat in (GROUP_A, GROUP_B, LOBBY):
            api.add_chat(chat)
        config = make_config(folder)
        app = await start_bot(api, config, ManualClock(START))
        try:
            await _set_up(Conversation(api))
        finally:
            await stop_bot(app)
        yield World(api, config.storage.database)


# -- what people do ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One person doing one thing in one chat (or a day passing)."""

    who: FakeUser
    where: str  # "private", "A", "B" or "lobby"
    what: str

    def chat(self) -> FakeChat:
        return {"A": GROUP_A, "B": GROUP_B, "lobby": LOBBY}.get(
            self.where, FakeChat.private(self.who)
        )

    def __repr__(self) -> str:  # readable in Hypothesis's falsifying example
        return f"{self.who.first_name} in {self.where}: {self.what}"


COMMANDS = (
    "/summary", "/summary all by agency", "/summary week by location", "/mine", "/operation",
    "/members", "/reminders", "/digest now", "/digest", "/export csv", "/help", "/start",
    "/export xlsx", "/chart all", "/chart all by agency", "/restore 1 back", "/restore 2 back",
    "/nil quiet night", "/undo", "/void 1 typo", "/void 2 typo", "/invite observer",
    "/use KESTREL", "/use TUNDRA", "/bind KESTREL", "/bind TUNDRA", "/summary agency=AQX",
    "REPORT", "REMINDER", "REVOKE", "REJOIN", "PRESS", "DAY",
)  # fmt: skip
steps = st.builds(
    Step,
    who=st.sampled_from(PEOPLE),
    where=st.sampled_from(("private", "private", "A", "B", "lobby")),
    what=st.sampled_from(COMMANDS),
)


def _typed(step: Step) -> str:
    """What the person actually types for a step (their own operation's words when a member)."""
    home = HOME.get(step.who.id)
    if step.what == "REPORT":
        return home.report if home else "/seizure 5 g khat at Nowhere"
    if step.what == "REMINDER":
        return home.reminder if home else "/remind in 1h nothing much"
    if step.what == "REVOKE":
        return "/revoke @park_kcs" if home is KESTREL or home is None else "/revoke @bram_bzw"
    return step.what


# -- who may read what ------------------------------------------------------------------------


HOME_GROUP = {GROUP_A.id: KESTREL.code, GROUP_B.id: TUNDRA.code, LOBBY.id: None}


def _readers(db: Path, chat_id: int, bound: dict[int, str | None]) -> set[str]:
    """The operations whose data the readers of a chat may see.

    A group: its own operation, and the one it is legitimately bound to now (`bound`, kept by
    the test, never read from the database). A private chat: the person's memberships.
    """
    if chat_id < 0:
        return {code for code in (HOME_GROUP.get(chat_id), bound.get(chat_id)) if code}
    if chat_id == ADMIN.id:
        return {op.code for op in OPERATIONS}
    return _memberships(db, chat_id)


def _memberships(db: Path, user_id: int) -> set[str]:
    return {
        str(r["code"])
        for r in read(
            db,
            "SELECT o.code FROM membership AS m JOIN operation AS o ON o.id = m.operation_id"
            " WHERE m.user_id = ? AND m.revoked_at IS NULL",
            (user_id,),
        )
    }


def _file_text(stored_name: str, content: bytes) -> str:
    """What a file shows: CSV text, every XLSX cell, a PNG's text chunks."""
    if stored_name.endswith(".csv"):
        return content.decode("utf-8", errors="replace")
    if stored_name.endswith(".xlsx"):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            " ".join(str(v) for v in row if v is not None)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    if content.startswith(b"\x89PNG"):
        from PIL import Image

        return " ".join(str(v) for v in Image.open(io.BytesIO(content)).text.values())
    return ""


def _shown(api: FakeBotAPI, call: Call) -> tuple[int, str] | None:
    """(reader's chat id, everything shown) for a call that put something before someone."""
    if not call.delivered:
        return None
    if call.method == "answerCallbackQuery":
        query = api._callback_queries.get(str(call.params.get("callback_query_id")), {})
        return int(query.get("from", {}).get("id", 0)), str(call.params.get("text") or "")
    if call.method in SEND_METHODS | EDIT_METHODS and isinstance(call.result, dict):
        result = call.result
        shown = str(result.get("text") or result.get("caption") or "")
        document = result.get("document")
        photo = result.get("photo")
        file_id = document["file_id"] if document else photo[-1]["file_id"] if photo else None
        stored = api._files.get(file_id) if file_id else None
        if stored is not None:
            shown += "\n" + _file_text(stored.filename, stored.content)
        return int(result["chat"]["id"]), shown
    return None


def _leaks(
    api: FakeBotAPI, db: Path, calls: list[Call], typed: str, bound: dict[int, str | None]
) -> list[str]:
    found = []
    for call in calls:
        shown = _shown(api, call)
        if shown is None:
            continue
        chat_id, text = shown
        readers = _readers(db, chat_id, bound)
        for op in OPERATIONS:
            if op.code in readers:
                continue
            # A word the reader typed in this very step is theirs, not the operation's.
            words = [m for m in op.markers if m in text and m.lower() not in typed.lower()]
            if words:
                found.append(f"{op.code} data {words} shown to chat {chat_id}: {text[:300]!r}")
    return found


# -- playing a sequence -----------------------------------------------------------------------


async def _settle(h: Harness, after: int) -> None:
    """Once a press after the step's updates is answered, they were all taken; then all done.

    Updates of different chats are handled side by side (bot.ordered), so the press's answer
    alone says nothing of the step's: the update queue is joined too.
    """
    chat = FakeChat.private(WATCHER)
    shown = next(m for m in reversed(h.api.sent_messages(chat)) if m["from"]["is_bot"])
    query = h.api.press_button(WATCHER, chat, shown["message_id"], "zz:settle", check_button=False)
    await h.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params.get("callback_query_id") == query,
        after=after, timeout=30,
    )  # fmt: skip
    await asyncio.wait_for(h.app.update_queue.join(), 30)


async def _play(h: Harness, step: Step) -> str:
    """Do one step; return what was typed."""
    chat = step.chat()
    typed = _typed(step)
    if step.what == "DAY":
        h.clock.advance(timedelta(days=1))
        scheduler = h.app.bot_data.scheduler
        assert scheduler is not None
        await scheduler.run_due()
    elif step.what == "REJOIN":
        home = HOME.get(step.who.id)
        if home is not None:
            coordinator = HOME_COORDINATOR[home.code]
            role = {
                COORDINATOR.id: "coordinator",
                B_COORDINATOR.id: "coordinator",
                OBSERVER.id: "observer",
            }.get(step.who.id, "officer " + home.markers[2])
            link = await h.talk.text(coordinator, f"/invite {role}")
            await h.talk.say(step.who, f"/start {invite_code(link)}")
            typed = f"/start {invite_code(link)}"
    elif step.what == "PRESS":
        own = [m for m in h.api.sent_messages(chat) if m["from"]["is_bot"]]
        if own:
            h.api.press_button(step.who, chat, own[-1]["message_id"], "undo:1", check_button=False)
    else:
        h.api.send_text(step.who, chat, typed)
    return typed


def _legit_binding(step: Step, bound: dict[int, str | None]) -> None:
    """Where a /bind may move a group at once: an unbound group, by an admin or its coordinator.

    A group linked to another operation is only asked ("Move it?"), whoever sends /bind; the
    sequences never press that question's buttons, so such a group stays where it was.
    """
    if not step.what.startswith("/bind ") or step.where == "private":
        return
    chat, code = step.chat().id, step.what.split()[1]
    if bound[chat] is None and step.who in (ADMIN, HOME_COORDINATOR[code]):
        bound[chat] = code


def _bad_writes(
    db: Path, step: Step, bound: dict[int, str | None], marks: tuple[int, int],
    members_before: dict[int, set[str]],
) -> list[str]:  # fmt: skip
    """Writes the step made that no one entitled could have made."""
    found = []
    for chat_id in HOME_GROUP:
        rows = read(db, "SELECT o.code FROM chat_binding b JOIN operation o"
                    " ON o.id = b.operation_id WHERE b.chat_id = ?", (chat_id,))  # fmt: skip
        now = str(rows[0]["code"]) if rows else None
        if now != bound[chat_id]:
            found.append(f"group {chat_id} bound to {now}, may be {bound[chat_id]}")
    seizure_mark, audit_mark = marks
    for row in read(db, "SELECT s.id, s.chat_id, s.officer_id, o.code FROM seizure s"
                    " JOIN operation o ON o.id = s.operation_id WHERE s.id > ?",
                    (seizure_mark,)):  # fmt: skip
        chat_id, code = int(row["chat_id"]), str(row["code"])
        if chat_id > 0 and int(row["officer_id"]) == ADMIN.id:
            continue  # an admin acts in every operation, by /use in their private chat
        may = {bound.get(chat_id)} if chat_id < 0 else members_before[int(row["officer_id"])]
        if code not in may:
            found.append(f"report #{row['id']} by {row['officer_id']} went into {code}")
    for row in read(db, "SELECT a.actor_id, a.action, o.code FROM audit_log a JOIN operation o"
                    " ON o.id = a.operation_id WHERE a.id > ?", (audit_mark,)):  # fmt: skip
        actor = row["actor_id"]
        if actor is None or actor == ADMIN.id or actor not in members_before:
            continue
        code = str(row["code"])
        if code not in members_before[actor] | _memberships(db, actor):
            found.append(f"{actor} wrote {row['action']} into {code}, not theirs")
    return found


def _marks(db: Path) -> tuple[int, int]:
    seizure = read(db, "SELECT coalesce(max(id), 0) AS n FROM seizure")[0]["n"]
    audit = read(db, "SELECT coalesce(max(id), 0) AS n FROM audit_log")[0]["n"]
    return int(seizure), int(audit)


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
@settings(
    max_examples=SEQUENCES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
@given(sequence=st.lists(steps, min_size=3, max_size=14))
# An admin's /bind in a group linked to the other operation asks first and moves nothing.
@example(sequence=[Step(ADMIN, "A", "/bind TUNDRA"), Step(KCS_OFFICER, "A", "REPORT"),
                   Step(ADMIN, "lobby", "/bind TUNDRA")])  # fmt: skip
async def test_no_operation_ever_shows_its_data_to_anyone_else(
    world: World, tmp_path_factory: pytest.TempPathFactory, sequence: list[Step]
) -> None:
    api = world.api
    config = make_config(tmp_path_factory.mktemp("sequence"))
    shutil.copy(world.template, config.storage.database)
    clock = ManualClock(START)
    app = await start_bot(api, config, clock)
    h = Harness(api, app, clock, Conversation(api, timeout=30), config.storage.database)
    db = config.storage.database
    bound = dict(HOME_GROUP)
    try:
        for step in sequence:
            mark = api.mark()
            marks = _marks(db)
            members_before = {p.id: _memberships(db, p.id) for p in PEOPLE}
            typed = await _play(h, step)
            await _settle(h, mark)
            _legit_binding(step, bound)
            leaks = _leaks(api, db, api.calls[mark:], typed, bound)
            assert leaks == [], (step, leaks)
            bad = _bad_writes(db, step, bound, marks, members_before)
            assert bad == [], (step, bad)
    finally:
        await stop_bot(app)
