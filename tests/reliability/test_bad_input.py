"""Bad input everywhere: every command, edits and buttons fed generated garbage.

Each command registered in handlers/__init__.py gets generated arguments: random text (right to
left, control characters, 4,000 characters), huge and odd numbers, SQL-looking strings, HTML,
and words the command knows, mixed. The bot must answer each in one clear message (never a
traceback or the generic fault line, never an ERROR in its log), leave the database whole, and
record something only when its answer says it did.

One bot serves the whole module. OCU_SOAK=1 tries ten times as many examples.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import pytest_asyncio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram.ext import CommandHandler

from bot import handling
from bot.app import build_application
from bot.config import Config
from bot.demo import (
    ADMIN,
    CAST,
    COORDINATOR,
    GROUP,
    KCS_OFFICER,
    OBSERVER,
    OUTSIDER,
    TCD_OFFICER,
    set_up_demo,
)
from bot.domain.commands import BY_NAME, usable
from bot.domain.unit import Role
from bot.parsing.typed import visible_text
from bot.render.export import exporting
from bot.render.i18n import LOCALES, using
from bot.render.jobs import debrief_preparing
from bot.render.replies import FAULT
from fakegram.calls import SEND_METHODS
from fakegram.server import FakeBotAPI
from fakegram.types import FakeChat, FakeUser, JSONDict
from handlers import heavy
from handlers.unanswered import meant_command
from tests.e2e.conftest import Harness, running_bot
from tests.reliability.invariants import database_problems

pytestmark = pytest.mark.asyncio(loop_scope="module")

EXAMPLES = 300 if os.environ.get("OCU_SOAK") == "1" else 30
SENTINEL = "zz:sentinel"
SQL = "'; DROP TABLE seizure;--"
MAX_TEXT = 4096


def _registered_commands() -> list[str]:
    """Every command name handlers.register adds, in order."""
    app = build_application(Config(), token="1:registry", with_scheduler=False)
    handling.set_up(app)  # as the bot does once it first polls
    names: list[str] = []
    for group in app.handlers.values():
        for handler in group:
            if isinstance(handler, CommandHandler):
                names += [n for n in sorted(handler.commands) if n not in names]
    return names


COMMANDS = _registered_commands()

# -- what people might type ------------------------------------------------------------------

NASTY = (
    SQL, '" OR 1=1 --', "Robert'); DROP TABLE operation;--", "‮evil", "שלום עולם", "مرحبا",
    "‏", "​", "\x00", "\x1b[31m", "\r\n", "\t", "\x7f", "<b>", "</pre>", "<a href='x'>", "&amp;",
    "&#0;", "{0}", "%s", "%(x)s", "${x}", "99999999999999999999999999", "-1", "0", "1e308",
    "NaN", "inf", "-0", "²", "١٢٣", "9" * 400, "💊" * 50, "x" * 300, "@", "#", "/start", "..",
    "…", "2026-02-30", "2026-13-01", "9999-12-31", "0000-00-00", "24:00", "99:99", "-1:-1",
    '"', "'", "“", "«", "\\", "`", "*", "_", "~", "|", "@ada_admin", "agency=", "=", ":",
    "x" * 4090, "#99999999999999999999",
)  # fmt: skip
# Whole argument strings every command is given, every run, besides the generated ones.
CLASSICS = (
    "", SQL, "99999999999999999999 x", "-99999999999999999999 x", "#99999999999999999999 x",
    "² x", "١٢٣ x", "0 x", "-1 x", "\x00", "‮evil‬ text", "x" * 4090, "<b>bold</b> &amp;",
    "rm 99999999999999999999", "add x 2026-12-01 9999-12-31", "at 23:59", "@" + "x" * 4000,
    "1e308 kg meth", "99999999999999999999999999 kg meth", "NaN g meth", "0 kg meth",
    "-5 kg meth", "\n\n\n", "new AB \"T\" Asia/Seoul exercise", "99999999999999999999", "²",
    "-99999999999999999999", "💊 " * 2000,
)  # fmt: skip
VOCABULARY: dict[str, tuple[str, ...]] = {
    "seizure": (
        "2kg", "meth", "300", "yaba", "pills", "at", "ICN", "from", "to", "via", "air", "cargo",
        "ref", "#tag", "on", "2026-11-20", "kg", "g", "L", "ml", "tablets", ",", "and", "cocaine",
        "zombie dust", "1.5", "1,000", "½", "mg", "tonnes", "lbs", "in", "suitcase", "note:",
    ),
    "void": ("1", "2", "3", "#1", "#999", "entered", "twice"),
    "alias": ("zombie", "dust", "methamphetamine", "cocaine", "synthetic_cathinones", "unicorns"),
    "summary": (
        "today", "yesterday", "week", "phase", "all", "2026-11-20", "2026-11-01..2026-11-20",
        "by", "agency", "location", "transport", "day", "officer", "meth", "agency=KCS",
        "agency=TCD", "2026-11-20..2026-11-01",
    ),
    "operation": ("new", "SIREN", "OTHER", '"Op Title"', "Asia/Seoul", "UTC", "Mars/Olympus",
                  "exercise"),
    "agency": ("add", "KCS", "TCD", "NEW", '"Some Name"', "Asia/Bangkok", "Etc/GMT+99"),
    "bind": ("SIREN", "OTHER", "siren"),
    "phase": ("add", "edit", "rm", "operational", "training", "2026-12-01", "2026-12-14",
              "2026-02-30", "2026-11-19"),
    "remind": ("in", "1h", "2d", "0m", "99999d", "daily", "weekdays", "tomorrow", "today",
               "09:00", "25:00", "rm", "1", "2026-12-01", "#1"),
    "digest": ("now", "at", "off", "07:30", "24:00", "7:5"),
    "invite": ("officer", "coordinator", "observer", "admin", "KCS", "TCD", "kcs"),
    "revoke": ("@nobody", "12345", "@", "#", "id"),
    "use": ("SIREN", "OTHER", "siren"),
    "help": tuple(BY_NAME),
    "chart": ("today", "week", "by", "agency", "all"),
    "export": ("csv", "xlsx", "pdf"),
    "reports": ("today", "this", "week", "phase", "all", "voided", "corrected", "provisional",
                "agency=KCS", "agency=XYZ", "meth", "2026-11-20", "2026-11-01..2026-11-20", "by"),
    "show": ("1", "2", "#1", "#999", "SIREN", "SIREN #1", "OTHER", "99999999999999999999"),
}  # fmt: skip
VOCABULARY["s"] = VOCABULARY["seizure"]
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
# Long messages, built by repeating a piece (generating 4,000 random characters is slow).
LONG_TEXT = st.builds(
    lambda piece, times: (piece * times)[:MAX_TEXT],
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12),
    st.integers(min_value=100, max_value=MAX_TEXT),
)
NUMBER = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
)
# The cast must stay members: /revoke never names them.
CAST_NAMES = tuple(
    name for user in CAST.values() for name in (str(user.id), user.username or "") if name
)


def arguments(command: str) -> st.SearchStrategy[str]:
    """Arguments for one command: its own words mixed with anything at all."""
    token = st.one_of(
        st.sampled_from(VOCABULARY.get(command, ("x",))), st.sampled_from(NASTY), ANY_TEXT, NUMBER
    )
    mixed = st.lists(token, max_size=10).map(" ".join)
    text = st.one_of(mixed, mixed, mixed, ANY_TEXT, LONG_TEXT, st.sampled_from(NASTY))
    if command == "revoke":
        text = text.filter(lambda t: not any(name in t for name in CAST_NAMES))
    return text


# -- the bot, once for the module -------------------------------------------------------------


class Errors(logging.Handler):
    """ERROR records of the bot's own loggers (bot.app's error handler among them)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.split(".")[0] in ("bot", "handlers", "storage"):
            self.records.append(record)

    def take(self) -> list[str]:
        taken = [f"{r.name}: {r.getMessage()} {r.exc_text or ''}" for r in self.records]
        self.records.clear()
        return taken


@dataclass
class Bench:
    """The running bot with SIREN set up, and what its loggers said."""

    h: Harness
    errors: Errors
    tried: dict[str, int] = field(default_factory=dict)
    turns: int = 0
    desks: int = 0

    def chat_for(self, command: str, user: FakeUser) -> FakeChat:
        """Every other turn the person's private chat, else the next of the operation's groups."""
        self.turns += 1
        if command in PRIVATE_ONLY or (self.turns % 2 == 0 and command not in GROUP_ONLY):
            return FakeChat.private(user)
        return self.desk()

    def desk(self) -> FakeChat:
        """The operation's groups in turn: Telegram lets a bot send a group 20 messages a minute."""
        self.desks += 1
        return _desk(self.desks % GROUPS)


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def bench(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Bench]:
    folder: Path = tmp_path_factory.mktemp("bad-input")
    errors = Errors()
    logging.getLogger().addHandler(errors)
    async with FakeBotAPI() as api, running_bot(api, folder, answer_within=30) as h:
        try:
            await set_up_demo(h.talk, exercise=False)
            # Something to undo, void, edit and press.
            for who in (KCS_OFFICER, TCD_OFFICER):
                await h.talk.say(who, "/seizure 2kg meth at ICN", GROUP)
            await h.talk.say(OUTSIDER, "/start")  # a message of the bot's in every private chat
            # More groups of the operation (airport desks), so that no group hears more than
            # Telegram's 20 messages a minute.
            for n in range(GROUPS):
                await h.talk.say(COORDINATOR, "/bind SIREN", _desk(n))
            bench = Bench(h, errors)
            yield bench
            print("inputs tried:", sum(bench.tried.values()), bench.tried)
            assert await database_problems(h.db_path) == []
            assert api.unknown_calls == []
        finally:
            logging.getLogger().removeHandler(errors)


def actor(command: str) -> FakeUser:
    """Who is allowed to use a command (so that it gets past the permission check)."""
    if command in ("operation", "use"):
        return ADMIN
    permission = BY_NAME[command].permission if command in BY_NAME else None
    if permission is not None and permission.name == "REPORT":
        return KCS_OFFICER
    return COORDINATOR


# Commands that move the clock are typed in a private chat: what they schedule goes to groups.
PRIVATE_ONLY = frozenset({"remind", "phase", "digest", "use"})
GROUP_ONLY = frozenset({"bind"})
GROUPS = 30


def _desk(n: int) -> FakeChat:
    return FakeChat(-100200400 - n, "group", title=f"SIREN desk {n}")


# Refusals, and messages held by a question (so /undo voids nothing after them), are written to
# the audit log on purpose; they change nothing else.
REFUSALS = (
    "seizure.asked",
    "access.refused",
    "invite.expired",
    "invite.reused",
    "invite.unknown",
    "seizure.unread",
)


async def _audit_count(h: Harness) -> int:
    marks = ", ".join("?" * len(REFUSALS))
    rows = await h.rows(
        f"SELECT count(*) AS n FROM audit_log WHERE action NOT IN ({marks})", REFUSALS
    )
    return int(str(rows[0]["n"]))


async def settled(h: Harness, user: FakeUser, after: int) -> int:
    """Press the sentinel button; once it is answered, the bot has done all it will before it.

    The bot handles updates one at a time, in order. The sentinel is a press on an old button in
    the person's private chat: its answer is not a message, so it does not count against the 30
    messages a second (and 20 a minute to a group) that Telegram and the rate limiter allow.
    Returns the index of the last call by then.
    """
    private = FakeChat.private(user)
    shown = next(m for m in reversed(h.api.sent_messages(private)) if m["from"]["is_bot"])
    query = h.api.press_button(user, private, shown["message_id"], SENTINEL, check_button=False)
    index, _ = await h.api.wait_for_index(
        lambda c: c.method == "answerCallbackQuery" and c.delivered
        and c.params.get("callback_query_id") == query,
        after=after, timeout=30,
    )  # fmt: skip
    # A heavy command (/chart, /export, /debrief) sends its file after its turn: wait for it too.
    await heavy.settled()
    return max(index, h.api.mark())


async def exchange(h: Harness, user: FakeUser, chat: FakeChat, text: str) -> list[JSONDict]:
    """Say `text`; return all the bot sent to the chat in answer."""
    mark = h.api.mark()
    h.api.send_text(user, chat, text)
    index = await settled(h, user, mark)
    sent = [
        c.result
        for c in h.api.calls[mark:index]
        if c.method in SEND_METHODS and c.delivered and c.result["chat"]["id"] == chat.id
    ]
    # A heavy command's progress line is edited as the work goes; its answer is what follows.
    return [m for m in sent if not _progress(_text(m))]


def _progress_lines() -> re.Pattern[str]:
    """A heavy command's progress line, in each of the bot's languages (whoever asks in Thai is
    told 'กำลังส่งออก… 0%', not 'Exporting…')."""
    lines = []
    for locale in LOCALES:
        with using(locale):
            lines += [exporting(987654321), debrief_preparing("ZZCODEZZ")]
    held = (re.escape(line).replace("987654321", "[0-9]+") for line in lines)
    return re.compile("|".join(line.replace("ZZCODEZZ", "[A-Z0-9]+") for line in held))


PROGRESS = _progress_lines()


def _progress(text: str) -> bool:
    return PROGRESS.fullmatch(text) is not None


# What a command says when it did record something; anything else must record nothing.
DONE = {
    "seizure": ("✅ Recorded report",),
    "s": ("✅ Recorded report",),
    "undo": ("voided",),
    "void": ("voided",),
    "nil": ("Nil return recorded",),
    "alias": ("now counts as",),
    "operation": ("Created ",),
    "agency": ("Added ",),
    "bind": ("is now linked", "is already linked"),  # again: its title refreshed, logged
    "phase": ("Added phase", "Moved phase", "Removed phase"),
    "remind": ("Reminder #", "Removed reminder"),
    "digest": ("digest now comes at", "digest is off"),
    "invite": ("One-time invite", "I sent it to you in our private chat."),
    "restore": ("restored",),
    "revoke": ("is no longer a member",),
    "use": ("now go to",),
    "start": ("Welcome to",),
}


def _text(message: JSONDict) -> str:
    return str(message.get("text") or message.get("caption") or "")


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
@pytest.mark.parametrize("command", COMMANDS)
@settings(
    max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
@given(data=st.data(), short=st.booleans())
async def test_every_command_answers_garbage_in_one_clear_message(
    bench: Bench, command: str, data: st.DataObject, short: bool
) -> None:
    h = bench.h
    user = actor(command)
    chat = bench.chat_for(command, user)
    name = "s" if command == "seizure" and short else command
    text = f"/{name} {data.draw(arguments(command), label='arguments')}"[:MAX_TEXT]
    before = await _audit_count(h)
    replies = await exchange(h, user, chat, text)
    bench.tried[command] = bench.tried.get(command, 0) + 1
    said = [_text(m) for m in replies]
    assert bench.errors.take() == [], (text, said)
    assert not [t for t in said if FAULT in t or "Traceback" in t], (text, said)
    # /debrief alone answers with its two files in private (in a group: where they went); so
    # does /debrief with only control characters, which are removed as the update comes in.
    alone = command == "debrief" and not visible_text(text.removeprefix(f"/{name}"))[0].strip()
    assert len(replies) in ((1, 2) if alone else (1,)), (text, said)
    assert said[0].strip(), text
    if await _audit_count(h) != before:
        # It recorded something: its answer says so, and nothing is half-written.
        assert any(done in said[0] for done in DONE.get(command, ())), (text, said)
        assert await database_problems(h.db_path) == [], text


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
@pytest.mark.parametrize("command", COMMANDS)
async def test_every_command_answers_the_classic_bad_inputs(bench: Bench, command: str) -> None:
    h = bench.h
    user = actor(command)
    wrong = []
    for args in CLASSICS:
        text = f"/{command} {args}".strip()[:MAX_TEXT]
        chat = bench.chat_for(command, user)
        before = await _audit_count(h)
        said = [_text(m) for m in await exchange(h, user, chat, text)]
        bench.tried[command] = bench.tried.get(command, 0) + 1
        errors = bench.errors.take()
        recorded = await _audit_count(h) != before
        # /debrief alone answers with its two files in private (in a group: where they went);
        # a control character alone (NUL) is removed as the update comes in: /debrief alone.
        bare = not visible_text(args)[0].strip()
        expected = (1, 2) if command == "debrief" and bare else (1,)
        if (
            errors
            or [t for t in said if FAULT in t or "Traceback" in t]
            or len(said) not in expected
            or not said[0].strip()
            or (recorded and not any(done in said[0] for done in DONE.get(command, ())))
        ):
            wrong.append(f"{text[:60]!r} -> {[t[:100] for t in said]} {[e[-100:] for e in errors]}")
    assert not wrong, "\n".join(wrong)
    assert await database_problems(h.db_path) == []


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
@settings(
    max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
@given(
    name=st.from_regex(r"[A-Za-z0-9_]{1,64}", fullmatch=True).filter(
        lambda n: n.lower() not in COMMANDS
    ),
    args=arguments("unknown"),
    who=st.sampled_from((KCS_OFFICER, COORDINATOR, OUTSIDER)),
    in_group=st.booleans(),
)  # fmt: skip
async def test_an_unknown_command_is_answered_in_private_and_ignored_in_groups(
    bench: Bench, name: str, args: str, who: FakeUser, in_group: bool
) -> None:
    chat = bench.desk() if in_group else FakeChat.private(who)
    text = f"/{name} {args}"[:MAX_TEXT]
    said = [_text(m) for m in await exchange(bench.h, who, chat, text)]
    bench.tried["unknown commands"] = bench.tried.get("unknown commands", 0) + 1
    assert bench.errors.take() == [], text
    # A slip of one of the person's own ('/seizur', '/seizure2kg') is offered corrected,
    # wherever sent; never another role's command.
    role = {KCS_OFFICER.id: Role.OFFICER, COORDINATOR.id: Role.COORDINATOR}.get(who.id)
    if meant_command(text, usable(role)) is not None:
        assert len(said) == 1 and said[0].startswith("Did you mean /"), (text, said)
        # the mended line itself, or (when it would be refused too) why, with a valid example
        assert "Nothing was recorded" in said[0], (text, said)
        assert "Send: /" in said[0] or "Send, for example: /" in said[0], (text, said)
    # In a group the command may be another bot's; in private it gets one clear line.
    elif in_group:
        assert said == [], text
    else:
        assert len(said) == 1 and said[0].startswith("I do not know /"), (text, said)
        assert "/help lists what you can do" in said[0]
    assert not [t for t in said if FAULT in t], (text, said)


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
@settings(
    max_examples=EXAMPLES * 2, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
@given(
    data=st.one_of(
        st.text(min_size=1, max_size=64).filter(lambda d: 1 <= len(d.encode()) <= 64),
        st.sampled_from(("undo:1", "undo:2", "undo:0", "undo:99999999999999999999999999999999",
                         "undo:²", "resend:yes:1", "resend:no:99999999999999999999", "resend:",
                         "undo:", "undo:-1", SQL)),
        st.integers(min_value=0, max_value=10**50).map(lambda n: f"undo:{n}"[:64]),
        st.integers(min_value=0, max_value=10**50).map(lambda n: f"resend:yes:{n}"[:64]),
    ),
    who=st.sampled_from((KCS_OFFICER, TCD_OFFICER, COORDINATOR, OBSERVER, OUTSIDER)),
)  # fmt: skip
async def test_old_and_forged_buttons_are_answered(bench: Bench, data: str, who: FakeUser):
    h = bench.h
    # A message of the bot's in one of the operation's groups (pressed there, "undo:1" works too).
    chat = bench.desk()
    shown = next(m for m in reversed(h.api.sent_messages(chat)) if m["from"]["is_bot"])
    mark = h.api.mark()
    query = h.api.press_button(who, chat, shown["message_id"], data, check_button=False)
    await h.api.wait_for(
        lambda c: c.method == "answerCallbackQuery"
        and c.params.get("callback_query_id") == query,
        after=mark, timeout=30,
    )  # fmt: skip
    # Whatever the press did next (an edit) is done before the sentinel is answered.
    await settled(h, who, mark)
    bench.tried["buttons"] = bench.tried.get("buttons", 0) + 1
    answers = [
        c for c in h.api.calls[mark:]
        if c.method == "answerCallbackQuery" and c.params.get("callback_query_id") == query
    ]  # fmt: skip
    assert len(answers) == 1 and answers[0].delivered, (data, answers)
    said = [_text(c.result) for c in h.api.calls[mark:] if c.method in SEND_METHODS]
    assert not [t for t in said if FAULT in t], (data, said)
    assert bench.errors.take() == [], data


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
@settings(
    max_examples=EXAMPLES * 2, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
@given(new_text=st.one_of(arguments("seizure").map(lambda a: f"/seizure {a}"[:MAX_TEXT]),
                          arguments("seizure")))  # fmt: skip
async def test_editing_a_report_into_garbage_keeps_it_whole(bench: Bench, new_text: str):
    h = bench.h
    chat = FakeChat.private(KCS_OFFICER)
    cursor = h.api.cursor(chat)
    n = bench.tried.get("edits", 0)
    sent = h.api.send_text(KCS_OFFICER, chat, f"/seizure {n + 1} g heroin ref E-{n}")
    await cursor.next(timeout=30)
    mark = h.api.mark()
    h.api.edit_text(KCS_OFFICER, chat, sent["message_id"], new_text or ".")
    await settled(h, KCS_OFFICER, mark)
    bench.tried["edits"] = bench.tried.get("edits", 0) + 1
    said = [
        _text(c.result)
        for c in h.api.calls[mark:]
        if c.method in SEND_METHODS | {"editMessageText"} and c.delivered
    ]
    assert not [t for t in said if FAULT in t or "Traceback" in t], (new_text, said)
    assert bench.errors.take() == [], new_text
    (row,) = await h.rows(
        "SELECT id, text FROM seizure WHERE chat_id = ? AND message_id = ?",
        (chat.id, sent["message_id"]),
    )
    items = await h.rows(
        "SELECT count(*) AS n FROM seizure_item WHERE seizure_id = ?", (row["id"],)
    )
    assert int(str(items[0]["n"])) >= 1
    corrected = any("Corrected report" in t for t in said)
    assert (row["text"] == new_text) == corrected, (new_text, said)


async def test_sql_looking_text_is_stored_as_text(bench: Bench) -> None:
    h = bench.h
    chat = FakeChat.private(KCS_OFFICER)
    ack = await h.talk.text(KCS_OFFICER, f"/seizure 3kg cocaine at {SQL}", chat)
    assert "✅ Recorded report" in ack and f"at: {SQL}" in ack
    tcd = FakeChat.private(TCD_OFFICER)
    asked = await h.talk.say(TCD_OFFICER, f"/nil {SQL} 2", tcd)
    if "already reported" in asked["text"]:  # TCD reported seizures today: asked first
        mark = h.api.mark()
        record = asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        h.api.press_button(TCD_OFFICER, tcd, asked["message_id"], record)
        asked = await h.api.wait_for_edit(tcd, message_id=asked["message_id"], after=mark)
    assert "Nil return recorded" in asked["text"]
    reminder = await h.talk.text(COORDINATOR, f"/remind in 2h {SQL} 3")
    assert f"{SQL} 3" in reminder
    stored = await h.rows("SELECT text FROM seizure WHERE location = ?", (SQL,))
    assert {"text": f"/seizure 3kg cocaine at {SQL}"} in stored
    assert await h.rows("SELECT note FROM nil_return WHERE note = ?", (f"{SQL} 2",)) == [
        {"note": f"{SQL} 2"}
    ]
    assert await h.rows("SELECT text FROM reminder WHERE text = ?", (f"{SQL} 3",)) == [
        {"text": f"{SQL} 3"}
    ]
    tables = await h.rows("SELECT name FROM sqlite_master WHERE type = 'table'")
    assert {"seizure", "operation", "seizure_item"} <= {t["name"] for t in tables}
    # And it reads back as it was typed, HTML-escaped by the bot and shown as text by Telegram.
    mine = await h.talk.text(KCS_OFFICER, "/mine", chat)
    assert "3 kg cocaine" in mine
