"""Guided entry asked again: the re-asked question's buttons work, one-line wording is read at
each step, and every question and refusal is in the reader's language, typed or pressed."""

from __future__ import annotations

from bot.demo import ADMIN, KCS_OFFICER, invite_code
from fakegram.types import FakeChat, FakeUser, JSONDict
from tests.e2e.conftest import Harness

PRIVATE = FakeChat.private(KCS_OFFICER)


def _buttons(message: JSONDict) -> dict[str, str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def _press(h: Harness, user: FakeUser, message: JSONDict, label: str) -> JSONDict:
    """Press a button; the bot's next message in the chat, or its edit for Record it."""
    chat = FakeChat.private(user)
    cursor = h.api.cursor(chat.id)
    mark = h.api.mark()
    query = h.api.press_button(user, chat, message["message_id"], _buttons(message)[label])
    if label == "Record it":
        await h.api.wait_for(
            lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query,
            after=mark,
        )
        alert = str(h.api.callback_answers[query].get("text") or "")
        assert alert == "", alert
        return await h.api.wait_for_edit(chat, message_id=message["message_id"], after=mark)
    return await cursor.next()


async def _alert(h: Harness, user: FakeUser, message: JSONDict, label: str) -> str:
    chat = FakeChat.private(user)
    mark = h.api.mark()
    query = h.api.press_button(user, chat, message["message_id"], _buttons(message)[label])
    await h.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query,
        after=mark,
    )
    return str(h.api.callback_answers[query].get("text") or "")


async def test_skip_under_the_re_asked_place_question_works(siren: Harness) -> None:
    first = await siren.talk.say(KCS_OFFICER, "/seizure")
    await _press(siren, KCS_OFFICER, first, "methamphetamine")
    asked = await siren.talk.say(KCS_OFFICER, "2kg")
    assert asked["text"].startswith("New report (3/3): where?")
    again = await siren.talk.say(KCS_OFFICER, "at the airport on 31/02/2026")
    assert "cannot be read as a place" in again["text"]
    assert list(_buttons(again)) == ["Skip", "Cancel"]
    # Before: "This button is not under your report's current question; nothing was recorded."
    confirm = await _press(siren, KCS_OFFICER, again, "Skip")
    assert confirm["text"].startswith("Record this report?\n/seizure 2 kg meth\n")
    # The first asking's buttons belong to a question since asked again.
    assert "not under your report's current question" in await _alert(
        siren, KCS_OFFICER, asked, "Skip"
    )


async def test_record_it_under_the_reminder_after_a_stray_message_records(
    siren: Harness,
) -> None:
    first = await siren.talk.say(KCS_OFFICER, "/seizure")
    await _press(siren, KCS_OFFICER, first, "methamphetamine")
    await siren.talk.say(KCS_OFFICER, "2kg")
    confirm = await siren.talk.say(KCS_OFFICER, "ICN")
    assert confirm["text"].startswith("Record this report?")
    stray = await siren.talk.say(KCS_OFFICER, "ok")
    assert stray["text"].startswith("Press Record it")
    ack = await _press(siren, KCS_OFFICER, stray, "Record it")
    assert ack["text"].startswith("✅ Recorded report SIREN #1 for KCS:\n• 2 kg methamphetamine")
    assert await siren.rows("SELECT text FROM seizure") == [{"text": "/seizure 2 kg meth at ICN"}]


async def test_a_place_and_an_amount_worded_as_in_a_one_line_report_are_read(
    siren: Harness,
) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure")
    assert (await siren.talk.text(KCS_OFFICER, "meth")).startswith("New report (2/3)")
    # Before: "about 800 grams is not an amount", "at ICN T1 cannot be read as a place".
    assert (await siren.talk.text(KCS_OFFICER, "about 800 grams")).startswith(
        "New report (3/3): where?"
    )
    confirm = await siren.talk.say(KCS_OFFICER, "at ICN T1")
    assert confirm["text"].startswith(
        "Record this report?\n/seizure about 800 grams meth at ICN T1\n"
    )
    ack = await _press(siren, KCS_OFFICER, confirm, "Record it")
    assert "800 g methamphetamine" in ack["text"]
    assert await siren.rows("SELECT text FROM seizure") == [
        {"text": "/seizure about 800 grams meth at ICN T1"}
    ]


async def _newcomer(h: Harness, user: FakeUser) -> None:
    link = await h.talk.text(ADMIN, "/invite officer KCS")
    await h.talk.say(user, f"/start {invite_code(link)}")


def _korean(text: str) -> bool:
    return any("\uac00" <= c <= "\ud7a3" for c in text)


def _thai(text: str) -> bool:
    return any("\u0e00" <= c <= "\u0e7f" for c in text)


async def test_guided_entry_stays_korean_after_typed_answers(siren: Harness) -> None:
    ji = FakeUser(1310, "Ji-ho", "Seo", username="jiho", language_code="ko")
    await _newcomer(siren, ji)
    first = await siren.talk.say(ji, "/seizure")
    assert _korean(first["text"])
    # Before: every message after a typed answer was in English.
    seen = [await siren.talk.say(ji, said) for said in ("필로폰", "lots", "2kg")]
    place = seen[-1]
    skip = next(label for label in _buttons(place) if label != "Skip" and _korean(label))
    confirm = await _press(siren, ji, place, skip)
    for message in [*seen, confirm]:
        assert _korean(message["text"]), message["text"]
        assert "Skip" not in _buttons(message) and "Cancel" not in _buttons(message)
    assert "lots" in seen[1]["text"] and "is not an amount" not in seen[1]["text"]


async def test_guided_entry_stays_thai_after_typed_answers(siren: Harness) -> None:
    som = FakeUser(1311, "Somsak", "Dee", username="somsak", language_code="th")
    await _newcomer(siren, som)
    await siren.talk.say(som, "/seizure")
    seen = [await siren.talk.say(som, said) for said in ("abc", "ยาบ้า", "๕๐๐")]
    seen.append(await siren.talk.say(som, "kgx"))
    for message in seen:
        assert _thai(message["text"]), message["text"]
        assert "Cancel" not in _buttons(message)
    assert "abc" in seen[0]["text"]
