"""Korean particles written in both forms are sent in the one the word before them takes."""

from __future__ import annotations

import pytest

from bot.render.fit import fit_message
from bot.render.particles import particles


@pytest.mark.parametrize(
    ("written", "sent"),
    [
        # Latin letters as a Korean reads them: S 에스 (vowel), M 엠, N 엔, L 엘, R 알 (consonant).
        ("KCS은(는) 참여 기관입니다", "KCS는 참여 기관입니다"),
        ("KCS이(가) 보고했습니다", "KCS가 보고했습니다"),
        ("DEM은(는)", "DEM은"),
        ("KCN이(가)", "KCN이"),
        ("ICN을(를)", "ICN을"),
        ("URL(으)로", "URL로"),
        ("TCR(으)로", "TCR로"),
        ("TCM(으)로", "TCM으로"),
        ("TCD(으)로", "TCD로"),
        (
            "'methampetamine'을(를) 필로폰(메트암페타민)(으)로 인식",
            "'methampetamine'를 필로폰(메트암페타민)으로 인식",
        ),
        # Hangul by its final consonant; ㄹ takes 로.
        ("이킬로은(는) 수량이 아닙니다", "이킬로는 수량이 아닙니다"),
        ("필로폰은(는)", "필로폰은"),
        ("대마을(를)", "대마를"),
        ("케타민과(와) 대마", "케타민과 대마"),
        ("대마와(과) 케타민", "대마와 케타민"),
        ("서울(으)로", "서울로"),
        ("부산(으)로", "부산으로"),
        ("인천(이)라는 단계", "인천이라는 단계"),
        ("마약(이)나 대마", "마약이나 대마"),
        ("대마(이)나 마약", "대마나 마약"),
        ("필로폰(이)에요", "필로폰이에요"),
        ("대마(이)에요", "대마예요"),
        # Digits as read: 1 일, 2 이, 3 삼, 10 십, 6 육, 7 칠, 8 팔.
        ("보고 #1이(가) 없습니다", "보고 #1이 없습니다"),
        ("보고 #2이(가) 없습니다", "보고 #2가 없습니다"),
        ("보고 #10은(는)", "보고 #10은"),
        ("보고 #5은(는)", "보고 #5는"),
        ("#7(으)로", "#7로"),
        ("#6(으)로", "#6으로"),
        ("#9(으)로", "#9로"),
        ("10 %은(는)", "10 %는"),
        # Closing quotes, brackets, spaces, tags and entities looked through.
        ('"meth"은(는)', '"meth"는'),
        ("<b>KCS #3</b>이(가) 복원", "<b>KCS #3</b>이 복원"),
        ("&#x27;2kg&#x27;은(는)", "&#x27;2kg&#x27;는"),
        ("'이킬로' 은(는)", "'이킬로' 는"),
        # What cannot be read keeps both forms (still correct Korean); others are untouched.
        ("🙂은(는)", "🙂은(는)"),
        ("은(는) 처음", "은(는) 처음"),
        ("필로폰(메트암페타민) 2 kg", "필로폰(메트암페타민) 2 kg"),
        ("KCS reported 2 kg (meth)", "KCS reported 2 kg (meth)"),
    ],
)
def test_a_paired_particle_takes_the_form_its_word_needs(written: str, sent: str) -> None:
    assert particles(written) == sent


def test_every_message_on_its_way_out_has_its_particles_chosen() -> None:
    said = fit_message("{agency}은(는) 참여 기관입니다".format(agency="KCS"))
    assert said == "KCS는 참여 기관입니다"
