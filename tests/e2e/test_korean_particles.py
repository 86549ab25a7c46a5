"""A Korean reader sees each particle in the form its word takes ('KCS는'), never both
('KCS은(는)'), in whatever message it comes: they are chosen on the one way out."""

from __future__ import annotations

from bot.demo import COORDINATOR, KCS_OFFICER
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness

PRIVATE = FakeChat.private(COORDINATOR)


async def test_a_korean_coordinator_reads_kcs_with_its_particle(siren: Harness) -> None:
    await siren.talk.say(COORDINATOR, "/language ko")
    said = await siren.talk.text(COORDINATOR, '/agency add KCS "Korea Customs Service" Asia/Seoul')
    # Before: "KCS은(는) 이미 이 작전의 참여 기관입니다."
    assert "KCS는 이미" in said, said
    assert "(는)" not in said


async def test_a_korean_officer_reads_a_misspelt_substance_with_its_particles(
    siren: Harness,
) -> None:
    await siren.talk.say(KCS_OFFICER, "/language ko")
    said = await siren.talk.text(KCS_OFFICER, "/seizure 2kg methampetamine at ICN")
    # Before: "'methampetamine'을(를) 필로폰(메트암페타민)(으)로 인식".
    assert "'methampetamine'를 필로폰(메트암페타민)으로 인식" in said, said
    assert "(를)" not in said and "(으)" not in said


async def test_a_korean_officer_reads_a_count_of_tablets_on_its_number(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/language ko")
    said = await siren.talk.text(KCS_OFFICER, "/seizure 120 tablets yaba at ICN")
    # Before: "120 정".
    assert "120정" in said and "120 정" not in said, said


async def test_korean_seizure_help_names_its_placeholders_in_korean(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/language ko")
    said = await siren.talk.text(KCS_OFFICER, "/help seizure")
    # Before: "사용법: /seizure AMOUNT SUBSTANCE [details]", "at PLACE", "via MODE" ...
    assert "/seizure 수량 품목 [세부사항]" in said, said
    for english in ("AMOUNT", "SUBSTANCE", "PLACE", "MODE", "WHAT", "HOW", "REF", "DATE"):
        assert english not in said, english
    # The words an officer types stay as they are typed.
    assert "at 장소" in said and "via 수단" in said and "detected by 경위" in said


async def test_thai_seizure_help_names_its_placeholders_in_thai(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/language th")
    said = await siren.talk.text(KCS_OFFICER, "/help seizure")
    # Before: "วิธีใช้: /seizure AMOUNT SUBSTANCE [details]", "at PLACE" ...
    assert "/seizure จำนวน ชื่อสาร [รายละเอียด]" in said, said
    for english in ("AMOUNT", "SUBSTANCE", "PLACE", "MODE", "WHAT", "HOW", "REF", "DATE"):
        assert english not in said, english
    assert "at สถานที่" in said and "via พาหนะ" in said


async def test_what_an_officer_typed_is_acked_and_shown_as_typed(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/language ko")
    said = await siren.talk.text(KCS_OFFICER, "/s 2kg meth at 부산(으)로 note 가방(이)나")
    # Before: "at: 부산으로", "가방이나": the way out chose the particles the officer typed.
    assert "부산(으)로" in said and "가방(이)나" in said, said
    assert "부산으로" not in said and "가방이나" not in said
    shown = await siren.talk.text(KCS_OFFICER, "/show 1")
    # "Message as sent" is the message as it was sent, pairs and all.
    assert "/s 2kg meth at 부산(으)로 note 가방(이)나" in shown, shown


async def test_a_typed_substance_keeps_its_pair_while_the_translation_chooses(
    siren: Harness,
) -> None:
    await siren.talk.say(KCS_OFFICER, "/language ko")
    said = await siren.talk.text(KCS_OFFICER, "/s 3kg 좀비(으)로 at ICN")
    # Before: "좀비로", though the report keeps "좀비(으)로".
    assert "좀비(으)로" in said and "좀비로" not in said, said


async def test_a_korean_alias_answer_names_the_substance_in_korean(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/s 2kg 좀비 at ICN")
    await siren.talk.say(COORDINATOR, "/language ko")
    said = await siren.talk.text(COORDINATOR, "/alias 좀비 heroin")
    # Before: "이제 "좀비"는 heroin으로 집계됩니다": the id, where every other answer says 헤로인.
    assert "헤로인으로" in said and "heroin" not in said, said


async def test_a_korean_alias_refusal_names_the_substance_in_korean(siren: Harness) -> None:
    await siren.talk.say(COORDINATOR, "/language ko")
    said = await siren.talk.text(COORDINATOR, "/alias 헤로인 cocaine")
    # Before: "'헤로인'은 목록에 이미 heroin으로": the id, where other answers say 헤로인.
    assert said.startswith("'헤로인'은 목록에 이미 헤로인으로 있습니다."), said
    assert "heroin" not in said
