"""Korean particles written in both forms are sent in the one the word before them takes."""

from __future__ import annotations

import pytest

from bot.render.fit import fit_message
from bot.render.i18n import _, using
from bot.render.particles import Template, particles


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
        ("&#x27;2kg&#x27;은(는)", "&#x27;2kg&#x27;은"),  # 이킬로그램: 은
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


def test_a_korean_translation_has_its_particles_chosen_as_it_is_filled() -> None:
    with using("ko"):
        template = _("{code} is already an agency of this operation.")
    assert template.format(code="KCS") == "KCS는 이미 이 작전의 참여 기관입니다."
    assert template.format(code="DEM") == "DEM은 이미 이 작전의 참여 기관입니다."


@pytest.mark.parametrize(
    ("value", "sent"),
    [
        # What people typed is sent as typed, pairs and all; only the translation's pair is chosen.
        ("부산(으)로", "부산(으)로는"),
        ("가방(이)나", "가방(이)나는"),
        ("KCS은(는)", "KCS은(는)은"),
    ],
)
def test_a_value_put_into_a_korean_text_keeps_its_own_pairs(value: str, sent: str) -> None:
    with using("ko"):
        said = _("{code} is already an agency of this operation.").format(code=value)
    assert said == f"{sent} 이미 이 작전의 참여 기관입니다."
    # Nor does the way out touch them.
    assert fit_message(f"at: {value}") == f"at: {value}"


@pytest.mark.parametrize(
    ("template", "values", "sent"),
    [
        ("<b>{n}</b>이(가) 복원", {"n": "KCS #3"}, "<b>KCS #3</b>이 복원"),
        ("'{a}'을(를) {b}(으)로 인식", {"a": "meth", "b": "필로폰"}, "'meth'를 필로폰으로 인식"),
        ("서울(으)로 {a}와(과) {{중괄호}}", {"a": "대마"}, "서울로 대마와 {중괄호}"),
        ("{}은(는) {}(으)로", {}, "kg은 서울로"),
        ("{a:>4}은(는)", {"a": "ICN"}, " ICN은"),
    ],
)
def test_a_template_fills_like_str_format(template: str, values: dict[str, str], sent: str) -> None:
    args = ("kg", "서울") if not values else ()
    assert Template(template).format(*args, **values) == sent


@pytest.mark.parametrize(
    ("written", "sent"),
    [
        # Units as a Korean reads them: 킬로그램, 그램, 밀리그램 (ㅁ), 밀리리터, 리터 (vowel).
        ("'kg'은(는)", "'kg'은"),
        ("'2kg'을(를)", "'2kg'을"),
        ("'g'은(는)", "'g'은"),
        ("5 mg(으)로", "5 mg으로"),
        ("'5ml'은(는)", "'5ml'는"),
        ("'5L'은(는)", "'5L'는"),
        # Not units: a letter alone, a code in capitals, the end of a word.
        ("'L'은(는)", "'L'은"),
        ("'MG'은(는)", "'MG'는"),
        ("'URL'은(는)", "'URL'은"),
    ],
)
def test_a_unit_is_read_as_a_korean_says_it(written: str, sent: str) -> None:
    assert particles(written) == sent
