"""What a newcomer found learning to report (session 11): /start, /language, /cancel, the
reminder of an open step-by-step report, Undo's acknowledgement, the place step, /show."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.demo import KCS_OFFICER, set_up_demo
from bot.domain.catalogue import Catalogue
from bot.parsing import parse_seizure
from bot.render.i18n import _, using
from bot.render.welcome import LANGUAGE_LINES, WELCOME_EXAMPLES
from fakegram.types import FakeChat, JSONDict
from handlers.guided_steps import PLACE_EXAMPLE
from tests.e2e.conftest import Harness

PRIVATE = FakeChat.private(KCS_OFFICER)
REPEATED = "Already answered: this message reached the bot before; nothing was done again."


def _buttons(message: JSONDict) -> dict[str, str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def _alert(h: Harness, message_id: int, data: str) -> str:
    """Press a button, forged or not; the alert it was answered with."""
    mark = h.api.mark()
    query = h.api.press_button(KCS_OFFICER, PRIVATE, message_id, data, check_button=False)
    await h.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query,
        after=mark,
    )
    return str(h.api.callback_answers[query].get("text") or "")


async def _at_place_step(h: Harness) -> None:
    """A step-by-step report answered up to its place: 1 kg meth."""
    first = await h.talk.say(KCS_OFFICER, "/seizure")
    cursor = h.api.cursor(PRIVATE)
    h.api.press_button(KCS_OFFICER, PRIVATE, first["message_id"], "draft:sub:0")
    await cursor.next()
    await h.talk.say(KCS_OFFICER, "1 kg")


async def test_start_welcomes_with_examples_help_and_every_language(bot: Harness) -> None:
    await set_up_demo(bot.talk, exercise=True)
    welcome = await bot.talk.text(KCS_OFFICER, "/start")
    # Before: "🧪 EXERCISE · OCU bot for ..." then the same list /help gives, no example.
    assert welcome.startswith("🧪 EXERCISE\nOCU bot for "), welcome
    for example in WELCOME_EXAMPLES:
        assert example in welcome
    assert "/help lists your commands; /help seizure shows how to type one." in welcome
    assert welcome.endswith(LANGUAGE_LINES)
    assert "/summary —" not in welcome  # the list of commands is /help's
    # The examples are read exactly as shown.
    catalogue, today = Catalogue.load(), date(2026, 11, 30)
    meth, yaba = (parse_seizure(e, catalogue=catalogue, today=today) for e in WELCOME_EXAMPLES)
    assert [(i.substance, i.amount, i.unit) for i in meth.items] == [
        ("methamphetamine", Decimal(2000), "g")
    ]
    assert meth.location == "ICN T1"
    assert [(i.amount, i.form) for i in yaba.items] == [(Decimal(500), "tablet")]
    assert (yaba.origin, yaba.concealment) == ("LA", "luggage")
    # A Korean reader finds the same three lines, each language named in itself.
    await bot.talk.say(KCS_OFFICER, "/language ko")
    korean = await bot.talk.text(KCS_OFFICER, "/start")
    assert korean.endswith("/language ko — 한국어\n/language th — ภาษาไทย\n/language en — English")
    # Its examples are Korean ones (tests/unit/test_welcome_examples.py reads them).
    assert "/seizure 필로폰 2킬로 at 인천공항 T1" in korean


async def test_language_alone_offers_a_button_per_language(siren: Harness) -> None:
    offer = await siren.talk.say(KCS_OFFICER, "/language")
    # Before: no buttons at all.
    assert _buttons(offer) == {"English": "lang:en", "한국어": "lang:ko", "ภาษาไทย": "lang:th"}
    assert await _alert(siren, offer["message_id"], "lang:xx") == (
        "This button no longer works. Send /language to choose again."
    )
    mark = siren.api.mark()
    siren.api.press_button(KCS_OFFICER, PRIVATE, offer["message_id"], "lang:ko")
    switched = await siren.api.wait_for_edit(PRIVATE, message_id=offer["message_id"], after=mark)
    with using("ko"):
        assert switched["text"] == _(
            "I will write to you in English, in a group too when I answer you. The group's "
            "digest, reminders and announcements come in the group's language."
        )
        gone = _("This button no longer works. Send /language to choose again.")
    assert _buttons(switched) == {}
    rows = await siren.rows("SELECT language FROM person WHERE user_id = ?", (KCS_OFFICER.id,))
    assert rows == [{"language": "ko"}]
    # The same press delivered again takes effect once; an old one changes nothing.
    pressed = siren.api.newest_update_id()
    mark = siren.api.mark()
    siren.api.redeliver(pressed)
    call = await siren.api.wait_for(lambda c: c.method == "answerCallbackQuery", after=mark)
    with using("ko"):
        assert call.params.get("text") == _(REPEATED)
    assert await _alert(siren, offer["message_id"], "lang:th") == gone
    rows = await siren.rows("SELECT language FROM person WHERE user_id = ?", (KCS_OFFICER.id,))
    assert rows == [{"language": "ko"}]


async def test_cancel_names_the_unfinished_report_and_leaves_recorded_ones(
    siren: Harness,
) -> None:
    await _at_place_step(siren)
    recorded = await siren.talk.text(KCS_OFFICER, "/seizure 1kg hashish")
    assert "#1" in recorded
    said = await siren.talk.text(KCS_OFFICER, "/cancel")
    # Before: "Report cancelled; nothing was recorded." (read as if #1 were cancelled too).
    assert said == (
        "Cancelled your unfinished step-by-step report (1 kg methamphetamine); nothing of it "
        "was recorded.\nReports already recorded are untouched: Undo under one, or "
        "/void NUMBER REASON, takes it back (/mine lists yours)."
    )
    assert await siren.rows("SELECT number, voided_at FROM seizure") == [
        {"number": 1, "voided_at": None}
    ]


async def test_the_open_report_is_asked_again_once_and_not_after_help(siren: Harness) -> None:
    first = await siren.talk.say(KCS_OFFICER, "/seizure")
    cursor = siren.api.cursor(PRIVATE)
    siren.api.send_text(KCS_OFFICER, PRIVATE, "/help phase")
    await cursor.next()
    siren.api.send_text(KCS_OFFICER, PRIVATE, "/mine")
    mine = await cursor.next()
    # Before: the reminder came after /help phase already, and after every command.
    assert not mine["text"].startswith("Your report in progress is still open"), mine["text"]
    again = await cursor.next()
    assert again["text"].startswith("Your report in progress is still open"), again["text"]
    siren.api.send_text(KCS_OFFICER, PRIVATE, "/mine")
    await cursor.next()
    siren.api.press_button(KCS_OFFICER, PRIVATE, again["message_id"], "draft:sub:0")
    step = await cursor.next()  # no second reminder came between
    assert step["text"].startswith("New report (2/3)"), step["text"]
    assert first["message_id"] < again["message_id"]


async def test_an_undone_report_reads_as_voided_from_its_first_line(siren: Harness) -> None:
    ack = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN")
    mark = siren.api.mark()
    siren.api.press_button(KCS_OFFICER, PRIVATE, ack["message_id"], _buttons(ack)["Undo"])
    undone = await siren.api.wait_for_edit(PRIVATE, message_id=ack["message_id"], after=mark)
    # Before: "✅ Recorded report SIREN #1 for KCS:" ... and "❌ Voided" only at the end.
    assert undone["text"].startswith("❌ Voided report SIREN #1 for KCS (not counted):\n")


async def test_the_place_step_cuts_at_a_word_and_points_to_a_one_line_report(
    siren: Harness,
) -> None:
    await _at_place_step(siren)
    said = await siren.talk.text(KCS_OFFICER, "ICN T1 arrivals, from Cambodia, in luggage")
    # Before: "ICN T1 arrivals, from Cambodia, in lugga cannot be read as a place."
    example = "/seizure 1 kg meth at ICN T1 arrivals, from Cambodia, in luggage"
    assert said.startswith(
        "ICN T1 arrivals, from Cambodia, in… cannot be read as a place alone. Details such as "
        f"from, in or via go in a one-line report instead, e.g.\n{example}\n"
    ), said
    catalogue, today = Catalogue.load(), date(2026, 11, 30)
    report = parse_seizure(example, catalogue=catalogue, today=today)
    assert (report.location, report.origin, report.concealment) == (
        "ICN T1 arrivals",
        "KH",
        "luggage",
    )
    fallback = parse_seizure(PLACE_EXAMPLE, catalogue=catalogue, today=today)
    assert (fallback.location, fallback.origin, fallback.concealment) == ("ICN T1", "KH", "luggage")


async def test_a_whole_report_at_step_one_says_press_record_it_naturally(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure")
    offer = await siren.talk.text(KCS_OFFICER, "2kg meth at ICN")
    # Before: "Press Record it to record it, or Cancel."
    assert "\nPress Record it if that is right, or Cancel." in offer, offer


async def test_show_keeps_the_full_stop_of_a_thai_unit(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure ไอซ์ 1.5 กก.")
    shown = await siren.talk.text(KCS_OFFICER, "/show 1")
    # Before: typed “ไอซ์ 1.5 กก” (the abbreviation's full stop read as the sentence's).
    assert "typed “ไอซ์ 1.5 กก.”" in shown, shown
