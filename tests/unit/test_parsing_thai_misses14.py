"""Thai and Korean forms an officer types that were misread (session 14): ที่ (at) before a place,
a half kilo written apart, and a net or gross weight glued to the substance."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.unit.parsing_reader import Reader

parse = Reader(date(2026, 11, 25)).parse


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("ยาบ้า 200 เม็ด ที่ สนามบินสุวรรณภูมิ", "สนามบินสุวรรณภูมิ"),
        ("ยาบ้า 200 เม็ด ที่BKK", "BKK"),
        ("ยาบ้า 200 เม็ดที่สุวรรณภูมิ", "สุวรรณภูมิ"),
        ("ยาบ้า200เม็ดที่ด่านสะเดา", "ด่านสะเดา"),
        ("ไอซ์ 1 กก. ที่ดอนเมือง", "ดอนเมือง"),
        ("ยาบ้า 500 เม็ด ณ ด่านศุลกากรแม่สาย", "ด่านศุลกากรแม่สาย"),
        ("ยาบ้า 500 เม็ด ที่ ท่าเรือแหลมฉบัง จาก ลาว", "ท่าเรือแหลมฉบัง"),
    ],
)
def test_thai_at_before_a_place_is_the_location(text: str, location: str) -> None:
    report = parse(text)
    assert (report.location, report.items[0].amount) == (location, report.items[0].amount)
    assert report.note is None or "ที่" not in report.note


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("ยาบ้า 200 เม็ด ที่สุด", "ที่สุด"),  # -est
        ("ยาบ้า 200 เม็ด เจ้าหน้าที่ศุลกากร ตรวจพบ", "เจ้าหน้าที่ศุลกากร ตรวจพบ"),  # officer
        ("ยาบ้า 200 เม็ด ซ่อน ที่ กระเป๋า", "ซ่อน ที่ กระเป๋า"),  # hidden in, not seized at
        ("ยาบ้า 200 เม็ด ที่ตรวจพบ", "ที่ตรวจพบ"),  # that was found
        ("ยาบ้า 200 เม็ด ที่นี่", "ที่นี่"),  # here
    ],
)
def test_thai_ti_that_is_no_place_stays_in_the_note(text: str, note: str) -> None:
    report = parse(text)
    assert (report.location, report.note) == (None, note)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("ยาบ้า 2 กิโล ครึ่ง", 2500),
        ("ยาบ้า 2 กิโลครึ่ง", 2500),
        ("ยาบ้า 2กิโล ครึ่ง", 2500),
        ("ยาบ้า 2กิโลครึ่ง", 2500),
        ("ยาบ้า สอง กิโล ครึ่ง", 2500),
        ("ยาไอซ์ครึ่งกิโล", 500),
        ("ยาไอซ์ ครึ่ง กิโล", 500),
        ("ไอซ์ โลครึ่ง", 1500),  # a kilo and a half, as Thai says it
        ("ไอซ์ 1 โล ครึ่ง", 1500),
    ],
)
def test_thai_half_is_kept_however_it_is_spaced(text: str, grams: int) -> None:
    report = parse(text)
    assert [(i.substance, i.amount, i.unit) for i in report.items] == [
        ("methamphetamine", Decimal(grams), "g")
    ]
    assert report.note is None


@pytest.mark.parametrize(
    ("text", "grams", "gross"),
    [
        ("ยาบ้านน.สุทธิ2กก.", 2000, None),
        ("ยาบ้าน้ำหนักสุทธิ2กก.", 2000, None),
        ("ไอซ์2กก.นน.รวม2.3กก.", 2000, 2300),
        ("ยาบ้านน.รวม2.3กก.", 2300, 2300),  # a gross alone is the amount, about
        ("필로폰순중량2kg", 2000, None),
        ("필로폰2kg", 2000, None),
        ("2kg필로폰", 2000, None),
        ("필로폰2kg총중량2.3kg", 2000, 2300),
    ],
)
def test_a_weight_word_glued_to_the_substance_is_read(
    text: str, grams: int, gross: int | None
) -> None:
    (item,) = parse(text).items
    assert (item.substance, item.amount, item.unit) == ("methamphetamine", Decimal(grams), "g")
    assert item.gross == (None if gross is None else Decimal(gross))
