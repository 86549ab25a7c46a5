"""Round 14's newcomer findings on words: everything the bot writes itself in the reader's
language (its marks, its own void reason, usage placeholders, unit names), one nil-return and
one Undo word in Thai, one date style in /mine, and a repeated /alias said plainly."""

from __future__ import annotations

import re

from bot.demo import COORDINATOR, KCS_OFFICER, TCD_OFFICER
from fakegram.types import FakeChat, JSONDict
from fakegram.users import FakeUser
from tests.e2e import conftest as harness
from tests.e2e.asking import reported

KCS = FakeChat.private(KCS_OFFICER)
TCD = FakeChat.private(TCD_OFFICER)
KIM = FakeChat.private(COORDINATOR)


async def _say(bot: harness.Harness, who: FakeUser, text: str) -> str:
    return await bot.talk.text(who, text, FakeChat.private(who))


def _buttons(message: JSONDict) -> list[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [b["text"] for row in rows for b in row]


async def test_an_unclassified_name_is_marked_in_the_readers_language(
    siren: harness.Harness,
) -> None:
    await _say(siren, KCS_OFFICER, "/language ko")
    ack = await _say(siren, KCS_OFFICER, "/s 빙두 300g at 인천공항")
    # Before: '• 300 g "빙두" (unclassified)' in a Korean acknowledgement.
    assert '300 g "빙두" <i>(미분류)</i>' in ack or '"빙두" (미분류)' in ack, ack
    mine = await _say(siren, KCS_OFFICER, "/mine")
    assert "(미분류)" in mine and "unclassified" not in mine, mine
    await _say(siren, TCD_OFFICER, "/language th")
    ack = await _say(siren, TCD_OFFICER, "/s ยาเค 200 กรัม at สุวรรณภูมิ")
    assert '"ยาเค" (ยังไม่จัดประเภท)' in ack and "unclassified" not in ack, ack


async def test_the_bots_own_void_reason_reads_in_the_readers_language_a_typed_one_as_typed(
    siren: harness.Harness,
) -> None:
    await _say(siren, KCS_OFFICER, "/language ko")
    await _say(siren, KCS_OFFICER, "/seizure 15kg heroin at ICN")
    await _say(siren, KCS_OFFICER, "/undo")
    shown = await _say(siren, KCS_OFFICER, "/show 1")
    # Before: '사유: undone by its author' under the undo's own '보고자가 되돌림'.
    assert "사유: 보고자가 되돌림" in shown, shown
    assert "undone by its author" not in shown, shown
    await _say(siren, KCS_OFFICER, "/seizure 2kg meth at ICN")
    await _say(siren, COORDINATOR, "/language ko")
    await _say(siren, COORDINATOR, "/void 2 entered twice")
    shown = await _say(siren, COORDINATOR, "/show 2")
    assert "사유: entered twice" in shown, shown


async def test_usage_lines_and_their_messages_name_placeholders_in_the_readers_words(
    siren: harness.Harness,
) -> None:
    await _say(siren, COORDINATOR, "/language ko")
    backwards = await _say(siren, COORDINATOR, "/phase add 훈련 2026-12-10 2026-12-05")
    # Before: '… START를 먼저 쓰십시오.'
    assert "시작일을 먼저 쓰십시오" in backwards and "START" not in backwards, backwards
    bare = await _say(siren, COORDINATOR, "/phase")
    assert "/phase add|edit 단계명 시작 종료 | /phase rm 단계명" in bare, bare
    assert "NAME" not in bare, bare
    remind = await _say(siren, COORDINATOR, "/help remind")
    assert "/remind 언제 내용 | /remind rm 번호" in remind, remind
    await _say(siren, COORDINATOR, "/language th")
    alias = await _say(siren, COORDINATOR, "/alias glorp")  # '/alias' alone lists them now
    # Command names and English keywords stay; the placeholders are Thai.
    assert "/alias คำ รหัสมาตรฐาน" in alias and "WORDS" not in alias, alias
    show = await _say(siren, COORDINATOR, "/help show")
    assert "/show หมายเลข" in show, show


async def test_the_thai_unit_step_names_units_as_its_buttons_read(siren: harness.Harness) -> None:
    await _say(siren, TCD_OFFICER, "/language th")
    first = await siren.talk.say(TCD_OFFICER, "/seizure")
    cursor = siren.api.cursor(TCD)
    siren.api.press_button(TCD_OFFICER, TCD, first["message_id"], "draft:sub:0")
    await cursor.next()
    unit = await siren.talk.say(TCD_OFFICER, "2")
    assert {"กก.", "กรัม", "เม็ด"} <= set(_buttons(unit)), _buttons(unit)
    wrong = await _say(siren, TCD_OFFICER, "xyz")
    # Before: '… หรือพิมพ์ kg, g หรือ tablets' under buttons reading กก., กรัม, เม็ด.
    assert "หรือพิมพ์ กก. กรัม หรือ เม็ด" in wrong, wrong
    assert "พิมพ์เป็นภาษาอังกฤษ kg, g หรือ tablets ก็ได้" in wrong, wrong
    done = await _say(siren, TCD_OFFICER, "กก.")
    assert "2 กก." in done or "(3/3)" in done, done


async def test_thai_says_nil_return_and_undo_plainly(siren: harness.Harness) -> None:
    await _say(siren, TCD_OFFICER, "/language th")
    helped = await _say(siren, TCD_OFFICER, "/help")
    # Before: 'รายงานไม่พบ' ('report not found') for a nil return.
    assert "/nil — แจ้งไม่มีการตรวจยึด" in helped and "รายงานไม่พบ" not in helped, helped
    nil = await _say(siren, TCD_OFFICER, "/nil")
    assert "บันทึกการแจ้งไม่มีการตรวจยึด" in nil, nil
    ack = await siren.talk.say(TCD_OFFICER, "/seizure 2kg meth at BKK")
    # Before: 'ย้อนกลับ', which reads as the navigation 'Back'.
    assert _buttons(ack) == ["ยกเลิกรายงาน"], _buttons(ack)
    assert "กด ยกเลิกรายงาน" in ack["text"], ack["text"]
    await _say(siren, COORDINATOR, "/language th")
    summary = await _say(siren, COORDINATOR, "/summary")
    assert "แจ้งไม่มีการตรวจยึด:" in summary and "รายงานไม่พบ" not in summary, summary


async def test_mine_writes_every_date_in_one_style(siren: harness.Harness) -> None:
    # Yesterday is before SIREN began: asked about first (session 14), recorded.
    await reported(
        siren, KCS_OFFICER, "/seizure 3kg cannabis at ICN yesterday", FakeChat.private(KCS_OFFICER)
    )
    await _say(siren, KCS_OFFICER, "/seizure 1kg meth at ICN")
    mine = await _say(siren, KCS_OFFICER, "/mine")
    # Before: '#1 2026-11-19 (sent 20 Nov 09:30 KST)' beside '#2 20 Nov 09:30 KST'.
    assert re.search(r"#1 19 Nov \(sent 20 Nov \d\d:\d\d KST\)", mine), mine
    assert re.search(r"#2 20 Nov \d\d:\d\d KST", mine) and "2026" not in mine, mine
    await _say(siren, KCS_OFFICER, "/language ko")
    mine = await _say(siren, KCS_OFFICER, "/mine")
    assert "#1 11월 19일 (보고 11월 20일" in mine and "2026. " not in mine, mine
    await _say(siren, KCS_OFFICER, "/language th")
    mine = await _say(siren, KCS_OFFICER, "/mine")
    assert "#1 19 พ.ย. (" in mine and "2569" not in mine, mine


async def test_repeating_an_alias_says_the_words_already_count_so(siren: harness.Harness) -> None:
    await _say(siren, TCD_OFFICER, "/s ยาเค 200 กรัม at BKK")
    first = await _say(siren, COORDINATOR, "/alias ยาเค ketamine")
    assert "1 past item reclassified" in first, first
    again = await _say(siren, COORDINATOR, "/alias ยาเค ketamine")
    # Before: '"ยาเค" now counts as ketamine: 0 past items reclassified, …'
    assert again == '"ยาเค" already counts as ketamine; nothing changed.', again
    await _say(siren, COORDINATOR, "/language ko")
    again = await _say(siren, COORDINATOR, "/alias ยาเค ketamine")
    assert "이미 케타민으로 집계됩니다" in again, again
