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
