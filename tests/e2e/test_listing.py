"""/reports and /show as a coordinator and an officer use them, against the emulated Telegram."""

from __future__ import annotations

import sqlite3

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER, OBSERVER, OUTSIDER, TCD_OFFICER
from bot.render import replies
from fakegram.types import FakeChat, FakeUser, JSONDict
from tests.e2e.asking import reported
from tests.e2e.conftest import Harness

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8


def _text(message: JSONDict) -> str:
    return str(message.get("text") or message.get("caption") or "")


def _buttons(message: JSONDict) -> dict[str, str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


def _numbers(text: str) -> list[int]:
    """The report numbers a page lists, in order."""
    return [int(line.split(" ", 1)[0].lstrip("#")) for line in text.splitlines() if line[:1] == "#"]


async def _report(h: Harness, who: FakeUser, text: str) -> str:
    # A day before SIREN began is asked about first (session 14): Record it.
    reply = await reported(h, who, text, FakeChat.private(who))
    assert "✅ Recorded report" in reply, reply
    return reply


async def _press(h: Harness, who: FakeUser, message: JSONDict, data: str) -> JSONDict:
    """Press a button; return the message as edited, or the press's answer if none came."""
    chat = FakeChat.private(who)
    mark = h.api.mark()
    query = h.api.press_button(who, chat, message["message_id"], data, check_button=False)
    answered = await h.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params.get("callback_query_id") == query,
        after=mark,
    )
    edits = [c.result for c in h.api.calls[mark:] if c.method == "editMessageText" and c.delivered]
    if edits:
        return dict(edits[-1])
    if not answered.params.get("text"):  # answered first, then edited: wait for the edit
        return await h.api.wait_for_edit(chat, message_id=message["message_id"], after=mark)
    return {"answer": answered.params.get("text"), "alert": answered.params.get("show_alert")}


async def test_pages_go_forward_and_back_by_editing_the_one_message(siren: Harness) -> None:
    for n in range(23):
        await _report(siren, KCS_OFFICER, f"/seizure {n + 1}g meth at ICN")
    private = FakeChat.private(COORDINATOR)
    first = await siren.talk.say(COORDINATOR, "/reports")
    text = _text(first)
    assert "<" not in text  # Telegram shows the markup, not tags
    assert text.startswith("Reports of SIREN · Whole operation\n")
    assert "23 reports, newest first, dated by seizure · page 1 of 3" in text
    assert _numbers(text) == list(range(23, 13, -1))
    assert "#23 · 2026-11-20 · KCS · 23 g methamphetamine · ICN" in text
    assert list(_buttons(first)) == ["Next ▶"]
    sent_before = len(siren.api.sent_messages(private))

    second = await _press(siren, COORDINATOR, first, _buttons(first)["Next ▶"])
    assert _numbers(_text(second)) == list(range(13, 3, -1))
    assert "page 2 of 3" in _text(second)
    assert list(_buttons(second)) == ["◀ Prev", "Next ▶"]
    third = await _press(siren, COORDINATOR, second, _buttons(second)["Next ▶"])
    assert _numbers(_text(third)) == [3, 2, 1] and "page 3 of 3" in _text(third)
    assert list(_buttons(third)) == ["◀ Prev"]
    back = await _press(siren, COORDINATOR, third, _buttons(third)["◀ Prev"])
    assert _numbers(_text(back)) == list(range(13, 3, -1)) and "page 2 of 3" in _text(back)
    # Every page was the same message, edited: nothing new was sent to the chat.
    assert second["message_id"] == third["message_id"] == back["message_id"] == first["message_id"]
    assert len(siren.api.sent_messages(private)) == sent_before
    for message in (first, second, third, back):
        assert all(len(d.encode()) <= 64 for d in _buttons(message).values())


async def test_the_list_runs_by_seizure_date_newest_first_as_its_heading_says(
    siren: Harness,
) -> None:
    days = ["18", "20", "19", "17"]
    for n in range(14):  # #1..#14, seized on days out of their numbers' order
        await _report(siren, KCS_OFFICER, f"/seizure {n + 1}g meth at ICN on 2026-11-{days[n % 4]}")
    by_date = sorted(range(1, 15), key=lambda n: (days[(n - 1) % 4], n), reverse=True)
    first = await siren.talk.say(COORDINATOR, "/reports")
    assert "14 reports, newest first, dated by seizure · page 1 of 2" in _text(first)
    assert _numbers(_text(first)) == by_date[:10]
    assert _text(first).splitlines()[3].startswith("#14 · 2026-11-20 ·")
    second = await _press(siren, COORDINATOR, first, _buttons(first)["Next ▶"])
    assert _numbers(_text(second)) == by_date[10:] and "page 2 of 2" in _text(second)
    back = await _press(siren, COORDINATOR, second, _buttons(second)["◀ Prev"])
    assert _numbers(_text(back)) == by_date[:10] and "page 1 of 2" in _text(back)


async def test_filters_narrow_the_list_and_ride_on_the_buttons(siren: Harness) -> None:
    await _report(siren, KCS_OFFICER, "/seizure 2kg meth at ICN")  # 1
    await _report(siren, TCD_OFFICER, "/seizure 300 yaba at BKK")  # 2
    await _report(siren, KCS_OFFICER, "/seizure 1kg heroin at PUS on 2026-11-18")  # 3
    await _report(siren, TCD_OFFICER, "/seizure 5g cocaine at BKK")  # 4
    for n in range(12):  # 5..16: TCD methamphetamine, enough for a second page
        await _report(siren, TCD_OFFICER, f"/seizure {n + 1} yaba at DMK")
    await siren.talk.say(COORDINATOR, "/void 4 entered twice")

    tcd_meth = await siren.talk.say(COORDINATOR, "/reports agency=TCD meth")
    assert "agency TCD · methamphetamine" in _text(tcd_meth)
    assert "13 reports" in _text(tcd_meth)
    assert _numbers(_text(tcd_meth)) == list(range(16, 6, -1))
    page2 = await _press(siren, COORDINATOR, tcd_meth, _buttons(tcd_meth)["Next ▶"])
    assert _numbers(_text(page2)) == [6, 5, 2]  # the filter came along on the button
    assert "agency TCD · methamphetamine" in _text(page2)

    dated = _text(await siren.talk.say(COORDINATOR, "/reports 2026-11-18"))
    assert _numbers(dated) == [3] and "1 kg heroin · PUS" in dated
    week = _text(await siren.talk.say(COORDINATOR, "/reports week heroin"))
    assert "Last 7 days" in week and _numbers(week) == [3]
    # 'this week' is its Monday (16 Nov) to today (Fri 20 Nov), as /summary reads it.
    this_week = _text(await siren.talk.say(COORDINATOR, "/reports this week heroin"))
    assert "SIREN · 2026-11-16 – 2026-11-20 · heroin" in this_week and _numbers(this_week) == [3]
    voided = _text(await siren.talk.say(COORDINATOR, "/reports voided"))
    assert _numbers(voided) == [4] and "5 g cocaine · BKK ❌" in voided
    today = _text(await siren.talk.say(COORDINATOR, "/reports today agency=KCS"))
    assert _numbers(today) == [1]

    nothing = await siren.talk.text(COORDINATOR, "/reports agency=KCS cocaine")
    assert nothing == (
        "No reports of SIREN match: Whole operation · agency KCS · cocaine. Try /reports all"
    )
    unknown = await siren.talk.text(COORDINATOR, "/reports agency=XYZ")
    assert unknown == (
        "There is no agency XYZ in this operation; it has KCS, TCD. "
        "Example: /reports week agency=KCS"
    )
    by = await siren.talk.text(COORDINATOR, "/reports week by agency")
    assert "e.g. /summary week by agency" in by and "/reports week agency=KCS meth" in by
    twice = await siren.talk.text(COORDINATOR, "/reports today week")
    assert twice == "Give one period only, e.g. /reports week agency=KCS meth"


async def test_old_and_forged_page_buttons_get_a_clear_answer(siren: Harness) -> None:
    for n in range(12):
        await _report(siren, KCS_OFFICER, f"/seizure {n + 1}g meth at ICN")
    listing = await siren.talk.say(COORDINATOR, "/reports")
    stale = "This list is out of date. Send /reports again."
    for forged in ("rp:", "rp:zz", "rp:1:o5:q:::", "rp:1:oZZ:a:::", "rp:1:o5:d0000-zzzz:::"):
        assert await _press(siren, COORDINATOR, listing, forged) == {
            "answer": stale,
            "alert": True,
        }, forged
    # A list of an operation the person is not in pages nothing of it.
    assert (await _press(siren, COORDINATOR, listing, "rp:9:o5:a:::"))["answer"] == stale
    # Nothing older than #1: said, and the page stays as it is.
    assert await _press(siren, COORDINATOR, listing, "rp:1:o1:a:::") == {
        "answer": "No more reports that way. Send /reports again for the newest.",
        "alert": True,
    }
    # An agency that is not the operation's any more (or never was).
    assert (await _press(siren, COORDINATOR, listing, "rp:1:oc:a:NOPE::"))["answer"] == stale
    # The press of an officer on a coordinator's list is checked as /reports.
    officer = await _report(siren, KCS_OFFICER, "/seizure 1g meth")
    assert officer
    private = FakeChat.private(KCS_OFFICER)
    shown = next(m for m in reversed(siren.api.sent_messages(private)) if m["from"]["is_bot"])
    answer = await _press(siren, KCS_OFFICER, shown, _buttons(listing)["Next ▶"])
    assert answer == {"answer": replies.NOT_ALLOWED, "alert": True}
    # A press delivered twice edits once; the second is no fault.
    mark = siren.api.mark()
    page = await _press(siren, COORDINATOR, listing, _buttons(listing)["Next ▶"])
    assert _numbers(_text(page)) == [2, 1]  # the list as it was: older than its #3
    press = next(c for c in reversed(siren.api.calls) if c.method == "answerCallbackQuery").params[
        "callback_query_id"
    ]
    update_id = siren.api.newest_update_id()
    siren.api.redeliver(update_id)
    await siren.talk.say(COORDINATOR, "/reports voided")  # handled in order: after the repeat
    edits = [c for c in siren.api.calls[mark:] if c.method == "editMessageText" and c.delivered]
    assert len(edits) == 1, press
    said = [_text(m) for m in siren.api.sent_messages(FakeChat.private(COORDINATOR))]
    assert not [t for t in said if replies.FAULT in t]


async def _wait_corrected(h: Harness, mark: int) -> None:
    await h.api.wait_for(
        lambda c: c.method == "editMessageText" and "Corrected" in str(c.params.get("text")),
        after=mark,
    )


async def test_show_tells_every_field_the_history_and_sends_the_photo_again(
    siren: Harness,
) -> None:
    private = FakeChat.private(KCS_OFFICER)
    cursor = siren.api.cursor(private)
    caption = "/seizure 2kg meth at ICN from CN to KR via air cargo in speaker ref KCS-77"
    sent = siren.api.send_photo(KCS_OFFICER, private, JPEG, caption=caption)
    assert "Recorded report SIREN #1" in _text(await cursor.next())
    mark = siren.api.mark()
    corrected = caption.replace("2kg", "2.5kg")
    siren.api.edit_caption(KCS_OFFICER, private, sent["message_id"], corrected)
    await _wait_corrected(siren, mark)
    await siren.talk.say(COORDINATOR, "/void 1 duplicate of a TCD report")
    await siren.talk.say(COORDINATOR, "/restore 1 not a duplicate after all")

    coordinator = FakeChat.private(COORDINATOR)
    cursor = siren.api.cursor(coordinator)
    siren.api.send_text(COORDINATOR, coordinator, "/show 1")
    text = _text(await cursor.next())
    assert text.startswith("Report SIREN #1 ✏️\nItems\n")
    assert "• 2.5 kg methamphetamine (stored as 2,500 g; typed “2.5kg meth”)" in text
    for line in (
        "Seized on: 2026-11-20",
        "Reported: 2026-11-20 09:30 KST",
        "Agency: KCS — Korea Customs Service",
        "Officer: Park Ji-woo (@park_kcs)",
        "Location: ICN",
        "Origin: CN",
        "Destination: KR",
        "Route: China (CN) → South Korea (KR)",  # named for the reader since round 11
        "Transport: air cargo",
        "Concealment: speaker",
        "Reference: KCS-77",
        f"Message as sent\n{corrected}\nHistory",
        "• 2026-11-20 09:30 KST: reported by Park Ji-woo (@park_kcs)",
        f"corrected by Park Ji-woo (@park_kcs): “2kg” → “2.5kg”; before, it read “{caption}”",
        "voided by Kim Min-jun (@kim_ocu), because: duplicate of a TCD report",
        "restored by Kim Min-jun (@kim_ocu), because: not a duplicate after all",
        "photo added by Park Ji-woo (@park_kcs)",
        "📎 1 photo, sent below.",
    ):
        assert line in text, (line, text)
    assert "Voided" not in text  # restored: it counts
    photo = await cursor.next()
    assert photo["photo"][-1]["file_id"] == sent["photo"][-1]["file_id"]
    assert _text(photo).startswith("SIREN #1 · file 1 of 1 · sent 2026-11-20 09:30 KST by Park")

    # Voided now: who, when and why heads the report.
    await siren.talk.say(COORDINATOR, "/void 1 wrong operation")
    voided = await siren.talk.text(COORDINATOR, "/show #1")
    assert voided.startswith("Report SIREN #1 ❌✏️\n❌ Voided 2026-11-20 09:30 KST by Kim Min-jun")
    assert "because: wrong operation. It does not count in the totals." in voided


async def test_show_of_another_operations_report_reads_as_a_missing_one(siren: Harness) -> None:
    await _report(siren, KCS_OFFICER, "/seizure 2kg meth at ICN")
    await siren.talk.say(ADMIN, '/operation new OTHER "Other op" Asia/Seoul')
    await siren.talk.say(ADMIN, "/use OTHER")
    for n in range(3):
        await _report(siren, ADMIN, f"/seizure {n + 1}kg heroin at PUS")
    others = await siren.rows("SELECT number FROM seizure WHERE operation_id = 2 ORDER BY number")
    assert [r["number"] for r in others] == [1, 2, 3]
    theirs = await siren.talk.text(COORDINATOR, "/show 3")
    missing = await siren.talk.text(COORDINATOR, "/show 4")
    assert theirs == "There is no report #3 in SIREN. /reports lists them."
    assert missing == "There is no report #4 in SIREN. /reports lists them."
    named = await siren.talk.text(COORDINATOR, "/show OTHER #3")
    assert named == "There is no report OTHER #3 in SIREN. /reports lists them."
    nowhere = await siren.talk.text(COORDINATOR, "/show NOWHERE #3")
    assert nowhere == "There is no report NOWHERE #3 in SIREN. /reports lists them."
    listed = await siren.talk.text(COORDINATOR, "/reports")
    assert _numbers(listed) == [1] and "heroin" not in listed


async def test_who_may_list_and_show(siren: Harness) -> None:
    await _report(siren, KCS_OFFICER, "/seizure 2kg meth at ICN")
    await _report(siren, TCD_OFFICER, "/seizure 300 yaba at BKK")
    assert await siren.talk.text(OBSERVER, "/reports") == replies.NOT_ALLOWED
    assert await siren.talk.text(OBSERVER, "/show 1") == replies.NOT_SHOWER
    assert await siren.talk.text(KCS_OFFICER, "/reports") == replies.NOT_ALLOWED
    assert await siren.talk.text(OUTSIDER, "/show 1") == replies.OUTSIDER
    own = await siren.talk.text(KCS_OFFICER, "/show 1")
    assert own.startswith("Report SIREN #1\n")
    assert await siren.talk.text(KCS_OFFICER, "/show 2") == (
        "Report #2 is not yours: an officer sees their own reports in full, a coordinator any. "
        "/mine lists yours."
    )
    assert await siren.talk.text(KCS_OFFICER, "/show") == (
        "Which report? Give its number.\nUsage: /show ID\nExample: /show 12"
    )
    # Asked in the group, answered in private: the group hears only where it went.
    cursor = siren.api.cursor(FakeChat.private(COORDINATOR))
    in_group = await siren.talk.text(COORDINATOR, "/show 2", GROUP)
    assert in_group == replies.SENT_PRIVATELY
    assert _text(await cursor.next()).startswith("Report SIREN #2\n")
    # Offered in the menus and /help to those who may.
    assert "/reports" in await siren.talk.text(COORDINATOR, "/help")
    officer_help = await siren.talk.text(KCS_OFFICER, "/help")
    assert "/show" in officer_help and "/reports" not in officer_help


async def test_a_redelivered_show_answers_again_and_changes_nothing(siren: Harness) -> None:
    await _report(siren, KCS_OFFICER, "/seizure 2kg meth at ICN")
    before = await siren.rows("SELECT count(*) AS n FROM audit_log")
    private = FakeChat.private(COORDINATOR)
    first = await siren.talk.text(COORDINATOR, "/show 1")
    cursor = siren.api.cursor(private)
    siren.api.redeliver(siren.api.newest_update_id())
    again = _text(await cursor.next())
    # Handled once already: "Already done" (or, delivered while the first was still in hand,
    # read again and answered again).
    assert again in (first, replies.REPEATED), again
    assert await siren.rows("SELECT count(*) AS n FROM audit_log") == before


async def test_show_sends_kept_bytes_when_telegram_no_longer_knows_a_file(
    siren: Harness,
) -> None:
    private = FakeChat.private(KCS_OFFICER)
    cursor = siren.api.cursor(private)
    siren.api.send_document(
        KCS_OFFICER, private, "waybill.pdf", b"%PDF-1.4 waybill", caption="/s 300 yaba @BKK",
        mime_type="application/pdf",
    )  # fmt: skip
    ack = await cursor.next()
    assert "Recorded report SIREN #1" in _text(ack)
    siren.api.send_photo(KCS_OFFICER, private, JPEG, reply_to_message_id=ack["message_id"])
    assert _text(await cursor.next()) == "📎 Photo attached to report #1."
    # The bot's token changed since (a new bot): Telegram refuses the old file_ids.
    with sqlite3.connect(siren.db_path) as conn:
        conn.execute("UPDATE seizure_media SET file_id = 'gone-' || id")
    coordinator = FakeChat.private(COORDINATOR)
    cursor = siren.api.cursor(coordinator)
    siren.api.send_text(COORDINATOR, coordinator, "/show 1")
    text = _text(await cursor.next())
    assert "📎 1 photo and 1 document, sent below." in text
    assert "document added by Park Ji-woo" in text and "photo added by Park Ji-woo" in text
    document = await cursor.next()
    assert document["document"]["file_name"] == "waybill.pdf"
    assert siren.api.stored_file(document["document"]["file_id"]).content == b"%PDF-1.4 waybill"
    assert _text(document).startswith("SIREN #1 · file 1 of 2 · sent")
    photo = await cursor.next()
    assert siren.api.stored_file(photo["photo"][-1]["file_id"]).content == JPEG
    assert _text(photo).startswith("SIREN #1 · file 2 of 2 · sent")


async def test_reports_of_an_agency_by_its_code_alone_and_a_word_no_report_names(
    siren: Harness,
) -> None:
    """A newcomer's review (session 16): '/reports KCS' and '/reports park' said "No reports of
    SIREN match", which read as "KCS reported nothing"."""
    await _report(siren, KCS_OFFICER, "/seizure 2kg meth at ICN")
    await _report(siren, TCD_OFFICER, "/seizure 1kg heroin at BKK")
    listed = await siren.talk.text(COORDINATOR, "/reports KCS")
    assert "agency KCS" in listed and "1 report," in listed, listed
    assert "heroin" not in listed, listed
    unknown = await siren.talk.text(COORDINATOR, "/reports park")
    assert unknown.startswith('No report of SIREN names "park" as its substance.'), unknown
    assert "/summary by officer" in unknown, unknown
