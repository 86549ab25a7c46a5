"""A Korean and a Thai officer and coordinator, known by their Telegram language_code alone,
walk the whole bot: every message, edit, button and toast they get is in their language, except
command names, report keywords, codes, ids and unit symbols."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bot.demo import ADMIN, invite_code, set_up_demo
from fakegram.calls import EDIT_METHODS, SEND_METHODS
from fakegram.types import FakeChat, FakeUser, JSONDict
from tests.e2e import conftest as harness

# What may stay in Latin letters: commands with their keywords (a /help topic, /digest now),
# links, HTML tags, a usage line ("사용법: /seizure ..."), the report and summary keywords, codes
# (agencies, places, countries, operation, zones, substance acronyms), unit symbols, and what
# people typed in English: the operation's title, the agencies' names, the cast's names, 'meth'.
_ALLOWED = re.compile(
    r"(?m)^[^\s:]+: /.*$|/help [a-z]+|/[a-z_]+(@\w+)?( (now|off|at|group|add|edit|rm|all|today|week|"
    r"phase|by [a-z]+|[a-z]+(?= —)))*|<[^>]+>|https?://\S+|\b[A-Z][a-z]+/[A-Za-z_]+\b|"
    r"(?<![A-Za-z])("
    r"at|via|by|from|to|ref|kg|g|mg|ml|L|SIREN|KCS|TCD|ICN|BKK|LA|OCU|bot|CODE|ID|"
    r"agency|location|transport|day|officer|origin|destination|route|concealment|detection|"
    r"phase|Operation Siren|Siren|en|ko|th|English|KST|ICT|UTC|MDMA|GHB|LSD|NPS|meth|"
    r"Korea Customs Service|Thai Customs Department|"
    r"Ada Admin|Kim Min-jun|Park Ji-woo|Somchai Wongsakul|Olga Observer|"
    r"ada_admin|kim_ocu|park_kcs|somchai_tcd|olga_wco)(?![A-Za-z])"
)
SENTINEL = "zz:settle"


# A detail's label is read, not typed: "at: BKK" is English where "장소: BKK" is meant.
_LABEL = re.compile(r"(?m)^(at|via|from|to|ref|detected by|concealed in):")
# Dates are written the reader's way (Buddhist era in Thai), never ISO outside what is typed.
_ISO_DAY = re.compile(r"(?<![\d.-])\d{4}-\d{2}-\d{2}(?![\d-])")


def english_words(text: str) -> list[str]:
    """Latin-letter words left once the allowed ones are taken out, English labels, ISO days."""
    labels = [f"{m.group(1)}:" for m in _LABEL.finditer(text)]
    kept = _ALLOWED.sub(" ", text)
    return labels + re.findall(r"[A-Za-z]{2,}", kept) + _ISO_DAY.findall(kept)


def _prose(message: JSONDict) -> str:
    """A message's text without its code spans: what is typed (commands, examples) stays."""
    text = str(message.get("text") or message.get("caption") or "")
    units = text.encode("utf-16-le")  # Telegram's entity offsets count UTF-16 code units
    entities = message.get("entities") or message.get("caption_entities") or []
    spans = [
        (e["offset"] * 2, (e["offset"] + e["length"]) * 2)
        for e in entities
        if e["type"] in ("code", "pre") and not str(e.get("language", ""))
        and not _is_table(text, e)
    ]  # fmt: skip
    for start, end in sorted(spans, reverse=True):
        units = units[:start] + " ".encode("utf-16-le") + units[end:]
    return units.decode("utf-16-le")


def _is_table(text: str, entity: JSONDict) -> bool:
    """A <pre> block is a laid-out table (a summary) to read, not something to type."""
    return bool(entity["type"] == "pre" and "\n" in text)


def _readable(message: JSONDict) -> Iterator[str]:
    yield _prose(message)
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    yield from (str(button["text"]) for row in rows for button in row)


class Walk:
    """Says things in private and keeps every text the bot shows in answer, toasts included."""

    def __init__(self, h: harness.Harness) -> None:
        self.h = h
        self.read: list[tuple[str, str]] = []
        self.typed: JSONDict = {}

    async def _settle(self, user: FakeUser, after: int) -> int:
        # The bot handles a person's updates in order: once a press on a stale button is
        # answered, everything typed before it has been answered too.
        private = FakeChat.private(user)
        shown = next(
            (m for m in reversed(self.h.api.sent_messages(private)) if m["from"]["is_bot"]), None
        )
        if shown is None:  # a first contact: its answer is the first thing to press on
            _index, first = await self.h.api.wait_for_index(
                lambda c: (
                    c.method in SEND_METHODS
                    and c.delivered
                    and c.result["chat"]["id"] == private.id
                ),
                after=after,
            )
            shown = first.result
        query = self.h.api.press_button(
            user, private, shown["message_id"], SENTINEL, check_button=False
        )
        index, _call = await self.h.api.wait_for_index(
            lambda c: (
                c.method == "answerCallbackQuery"
                and c.delivered
                and c.params.get("callback_query_id") == query
            ),
            after=after,
            timeout=30,
        )
        return index

    def _collect(self, said: str, user: FakeUser, mark: int, end: int) -> list[JSONDict]:
        private = FakeChat.private(user)
        got = []
        for call in self.h.api.calls[mark:end]:
            if not call.delivered:
                continue
            if call.method == "answerCallbackQuery" and call.params.get("text"):
                self.read.append((said, str(call.params["text"])))
            elif call.method in SEND_METHODS | EDIT_METHODS and isinstance(call.result, dict):
                if call.result["chat"]["id"] == private.id:
                    got.append(call.result)
                    self.read.extend((said, text) for text in _readable(call.result))
        return got

    async def say(self, user: FakeUser, text: str) -> list[JSONDict]:
        """Type `text` in private; the messages the bot sent or edited in answer."""
        mark = self.h.api.mark()
        self.typed = self.h.api.send_text(user, FakeChat.private(user), text)
        return self._collect(text, user, mark, await self._settle(user, mark))

    async def edit(self, user: FakeUser, message_id: int, text: str) -> list[JSONDict]:
        """Edit a message typed earlier."""
        mark = self.h.api.mark()
        self.h.api.edit_text(user, FakeChat.private(user), message_id, text)
        return self._collect(f"(edit) {text}", user, mark, await self._settle(user, mark))

    async def press(self, user: FakeUser, message: JSONDict, data: str) -> list[JSONDict]:
        """Press a button the bot showed."""
        mark = self.h.api.mark()
        self.h.api.press_button(user, FakeChat.private(user), message["message_id"], data)
        return self._collect(f"(press) {data}", user, mark, await self._settle(user, mark))

    def leaks(self) -> list[tuple[str, list[str], str]]:
        """What was said, the English words in the answer, and the answer."""
        return [(said, found, text) for said, text in self.read if (found := english_words(text))]


def _buttons(message: JSONDict) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [str(b.get("callback_data", "")) for row in rows for b in row]


# What a coordinator of each language types: phase names and reminder texts of their own.
_WORDS = {
    "ko": (
        "준비",
        "집중단속",
        "사후분석",
        "무실적 보고 바랍니다",
        "상황 브리핑",
        "색깔",
        "여행가방",
    ),
    "th": (
        "เตรียมการ",
        "ปฏิบัติการ",
        "สรุปผล",
        "กรุณาส่งรายงานไม่พบ",
        "ประชุมสรุปสถานการณ์",
        "สี",
        "กระเป๋าเดินทาง",
    ),
}


@pytest.mark.parametrize(
    ("language", "officer", "coordinator", "agency"),
    [
        (
            "ko",
            FakeUser(2101, "지민", "이", language_code="ko"),
            FakeUser(2102, "수현", "최", language_code="ko"),
            "KCS",
        ),
        (
            "th",
            FakeUser(2201, "สมศรี", "ใจดี", language_code="th"),
            FakeUser(2202, "ประยุทธ", "แสงทอง", language_code="th"),
            "TCD",
        ),
    ],
)
async def test_no_english_reaches_a_korean_or_thai_conversation(
    bot: harness.Harness, language: str, officer: FakeUser, coordinator: FakeUser, agency: str
) -> None:
    before, during, after, nil, briefing, colour, suitcase = _WORDS[language]
    await set_up_demo(bot.talk, exercise=False)
    walk = Walk(bot)
    for user, role in ((officer, f"officer {agency}"), (coordinator, "coordinator")):
        link = await bot.talk.text(ADMIN, f"/invite {role}")
        await walk.say(user, f"/start {invite_code(link)}")

    # The coordinator plans the operation's clock.
    await walk.say(coordinator, f"/phase add {before} 2026-11-10 2026-11-17")
    await walk.say(coordinator, f"/phase add {during} 2026-11-18 2026-11-30")
    await walk.say(coordinator, f"/phase add {after} 2026-12-01 2026-12-05")
    await walk.say(coordinator, "/phase")
    await walk.say(coordinator, f"/remind daily 09:00 {nil}")
    await walk.say(coordinator, f"/remind weekdays 18:00 {nil}")
    await walk.say(coordinator, f"/remind 2026-11-25 10:00 {briefing}")
    await walk.say(coordinator, "/reminders")
    await walk.say(coordinator, "/digest at 08:00")
    await walk.say(coordinator, "/digest")

    # The officer reads, reports, corrects, is refused, and undoes.
    for text in ("/start", "/help", "/help seizure", "/language"):
        await walk.say(officer, text)
    said = await walk.say(officer, "/seizure 2kg meth at ICN")
    ack = next(m for m in said if any(d.startswith("undo:") for d in _buttons(m)))
    typed = walk.typed
    await walk.edit(officer, typed["message_id"], "/seizure 3kg meth at ICN via courier")
    await walk.say(officer, "/seizure 5000 tablets yaba at BKK from Laos")
    await walk.say(officer, "/seizure 1 tablet ecstasy")
    await walk.say(officer, "/seizure 40 blotters LSD")
    await walk.say(officer, "/seizure 12 capsules tramadol to Laos")
    await walk.say(officer, "/seizure 250ml GHB")
    await walk.say(
        officer,
        f"/seizure 1.2kg heroin at ICN via post concealed in {suitcase} detected by intelligence"
        " ref KCS-7",
    )
    # Guided entry: the substance buttons are named in the reader's language.
    [first_step] = await walk.say(officer, "/seizure")
    await walk.press(officer, first_step, "draft:sub:0")
    await walk.say(officer, "/cancel")
    await walk.say(officer, "/seizure meth at ICN")  # no amount: a refusal with an example
    await walk.say(officer, f"/summary by {colour}")  # a refusal
    await walk.say(officer, "/summary")
    await walk.say(officer, "/summary today")
    await walk.say(officer, "/summary today by agency")
    await walk.say(officer, "/summary week by day")
    await walk.say(officer, "/summary phase")
    await walk.say(officer, "/summary 2026-11-18..2026-11-20")
    await walk.say(officer, "/mine")
    await walk.say(officer, "/operation")
    await walk.press(
        officer, ack, next(d for d in _buttons(ack) if d.startswith("undo:"))
    )  # Undo on the first report
    await walk.say(officer, "/undo")
    await walk.say(officer, "/undo")
    await walk.say(officer, "/nil")
    # Plain text that reads as a report is offered, and the offer cancelled; an unknown command.
    said = await walk.say(officer, "1kg meth at ICN")
    offer = next(m for m in said if any(d.startswith("ask:no:") for d in _buttons(m)))
    await walk.press(officer, offer, next(d for d in _buttons(offer) if d.startswith("ask:no:")))
    await walk.say(officer, "/xyz")

    await walk.say(coordinator, "/operation")
    await walk.say(coordinator, "/summary week by agency")
    await walk.say(coordinator, "/digest now")
    await walk.say(coordinator, f"/language {language}")

    leaks = walk.leaks()
    assert leaks == [], "\n\n".join(f"{said!r} -> {found}\n{text}" for said, found, text in leaks)


@pytest.mark.parametrize(("language", "sorry"), [("ko", "죄송합니다"), ("th", "ขออภัย")])
async def test_a_fault_and_a_bind_refusal_are_said_in_the_readers_language(
    bot: harness.Harness, monkeypatch: pytest.MonkeyPatch, language: str, sorry: str
) -> None:
    await set_up_demo(bot.talk, exercise=False)
    officer = FakeUser(2301, "민호", "박", language_code=language)
    link = await bot.talk.text(ADMIN, "/invite officer KCS")
    await bot.talk.say(officer, f"/start {invite_code(link)}")
    # Only a coordinator binds a group: an officer is told so, in their language.
    other_group = FakeChat(-100900900, "group", title="KCS desk")
    refused = _prose(await bot.talk.say(officer, "/bind SIREN", other_group))
    assert "/bind" in refused and english_words(refused) == [], refused

    async def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("the disk is gone")

    from storage import seizures as seizure_store

    monkeypatch.setattr(seizure_store, "recent_of", broken)
    said = _prose(await bot.talk.say(officer, "/mine"))
    assert sorry in said and english_words(said) == [], said
