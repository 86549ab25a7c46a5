"""Long breakdowns, word for word: the exact answer (messages or file) in English, Korean, Thai.

Pinned by digest before the text path was made cheaper (issue #16), so that a faster render is
proved to send the very same characters. A change that is meant to alter the text updates the
digests: `PIN_SHOW=1 pytest tests/unit/test_summary_pinned.py` prints the new ones.
"""

from __future__ import annotations

import hashlib
import os
import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from babel.numbers import format_decimal

from bot import outbox
from bot.domain.summary import (
    AgencyStatus,
    DateRange,
    Dimension,
    Heading,
    Period,
    SubstanceTotal,
    Summary,
    SummaryGroup,
    SummaryRequest,
)
from bot.domain.unit import Operation
from bot.render.i18n import number, using
from bot.render.summary import group_label, render_summary, render_summary_text

SUBSTANCES = (
    ("methamphetamine", "g", None), ("methamphetamine", "unit", "tablet"),
    ("methamphetamine", "unit", "capsule"), ("cannabis", "g", None), ("cocaine", "g", None),
    ("heroin", "g", None), ("mdma", "unit", "tablet"), ("mdma", "g", None), ("ghb", "ml", None),
    ("ketamine", "g", None), ("lsd", "unit", "blotter"), ("synthetic_cannabinoids", "g", None),
    ("nps", "unit", "capsule"), ("kratom", "g", None), ("opium", "ml", None),
    ("?흰색 가루 <b>", "g", None), ("?ผงสีขาว & ยา", "g", None), ("?unknown powder 7", "g", None),
    ("?a very long unclassified description that will not fit on a phone line", "unit", None),
)  # fmt: skip
OFFICERS = ("Kim Min-jun (KCS)", "สมชาย ใจดี (TCD)", "@lee_j", "박서연 (KCS)", "Nguyen <Van> A")
LOCATIONS = ("ICN", "BKK", "인천공항 제2터미널", "ท่าเรือแหลมฉบัง", "Port & Dock 7", "")
TRANSPORTS = ("air_passenger", "sea_container", "postal", "rail", "")
DETECTIONS = ("x_ray", "canine", "risk_profiling", "")


def _totals(rng: random.Random) -> tuple[SubstanceTotal, ...]:
    chosen = rng.sample(SUBSTANCES, rng.randint(1, len(SUBSTANCES)))
    totals = []
    for key, unit, form in chosen:
        if unit == "unit":
            amount = Decimal(rng.choice((1, 2, 5, 12, 479, 29000, 1234567)))
        else:
            amount = Decimal(rng.randint(1, 90_000_000)) / Decimal(rng.choice((1, 10, 1000)))
        totals.append(SubstanceTotal(key, unit, form, amount, rng.choice((1, 2, 7, 1234, 56789))))
    return tuple(sorted(totals, key=SubstanceTotal.sort_key))


def _values(dimension: Dimension | None, rng: random.Random, many: int) -> list[str]:
    if dimension is Dimension.DAY:
        return [(date(2026, 1, 1) + timedelta(days=n)).isoformat() for n in range(120)]
    if dimension is Dimension.OFFICER:
        return [str(100 + n) for n in range(60)]
    if dimension is Dimension.AGENCY:
        return [str(n) for n in range(30)]
    if dimension is Dimension.LOCATION:
        return [f"{rng.choice(LOCATIONS)} {n}".strip() for n in range(many)] + [""]
    if dimension is Dimension.TRANSPORT:
        return list(TRANSPORTS)
    if dimension is Dimension.ROUTE:
        ends = ("KR", "TH", "LA", "")
        return sorted({f"{a}\x1f{b}" for a in ends for b in ends})
    if dimension is Dimension.DETECTION:
        return list(DETECTIONS)
    if dimension is Dimension.PHASE:
        return ["0000", "0001", ""]
    if dimension is not None:
        return ["KR", "태국", "ลาว", "<LA> & co", ""]
    return [""]


def _names(dimension: Dimension | None) -> dict[str, str]:
    if dimension is Dimension.OFFICER:
        return {str(100 + n): f"{OFFICERS[n % len(OFFICERS)]} {n}" for n in range(0, 60, 2)}
    if dimension is Dimension.AGENCY:
        return {str(n): f"A{n:02d} — Agency {n}" for n in range(1, 30)}
    if dimension is Dimension.PHASE:
        return {
            "0000": "Alpha",
            "0000:span": "2026-11-01 – 2026-11-10",
            "0001": "브라보",
            "0001:span": "2026-11-11 – 2026-11-30",
        }
    return {}


def _summary(dimension: Dimension | None, seed: int, many: int = 50) -> Summary:
    rng = random.Random(seed)
    names = _names(dimension)
    groups = [
        SummaryGroup(
            group_label(dimension, value, names),
            _totals(rng),
            None if dimension is None else rng.randint(1, 99_999),
        )
        for value in _values(dimension, rng, many)
    ]
    agencies = tuple(
        AgencyStatus(f"A{n:02d}", f"Agency {n}", n % 3 == 0, n % 4) for n in range(1, 26)
    )
    return Summary(
        operation_code="SIREN",
        operation_title="Operation <Siren> & co",
        exercise=seed % 2 == 0,
        tz="Asia/Seoul",
        heading=Heading(
            Period("range", date(2026, 1, 1), date(2026, 4, 30)),
            DateRange(date(2026, 1, 1), date(2026, 4, 30)),
            None,
            None,
            "A01" if seed % 3 == 0 else None,
        ),
        request=SummaryRequest(dimension=dimension),
        groups=tuple(groups),
        agencies=agencies,
        truncated=seed % 5 == 0,
        cases=123_456,
        linked=seed % 4,
        linked_reports=2 * (seed % 4),
    )


def _answer(summary: Summary) -> str:
    """What the person receives, as handlers.results.summary builds it and the outbox fits it."""
    operation = Operation(1, "SIREN", "Operation Siren", "Asia/Seoul", summary.exercise, None, 0, 0)
    parts = render_summary(summary)
    whole = render_summary_text(summary) if len(parts) > outbox.MAX_PARTS else None
    fitted = outbox.fit(parts, operation=operation, filename="summary.txt", whole=whole)
    document = fitted.document.decode("utf-8") if fitted.document else ""
    return "\n=====\n".join([*fitted.parts, document])


def _digest(text: str) -> str:
    return f"{len(text)}:{hashlib.sha256(text.encode()).hexdigest()[:24]}"


DIMENSIONS = [None, *Dimension]
# origin, destination and route re-pinned in round 11: countries by name with their code.
# Korean re-pinned in session 12: a Korean counter on its number in the table (300정).
# Session 16: a breakdown whose groups count a linked case more than once says why.
PINNED = {
    "en": {
        "none": "1172:e16283cbc786228ecc32e797",
        "agency": "16614:4ef5f1e443f22d43d55e44ce",
        "location": "28673:4f49a26f83ac3b4185a0adc9",
        "transport": "3648:629313a1082150bd72dff6c8",
        "day": "63854:a38c0252090d83ba01e20bdb",
        "officer": "30031:29a9442f3274b43b41b59cab",
        "origin": "3979:b20e371d4d259ad4ad0cc5a7",
        "destination": "4870:c64248024bbdd42c4cfb5340",
        "route": "10412:8ce089be44707cf87ae7b1b7",
        "concealment": "3421:90661147904b9d523377ac33",
        "detection": "4826:a3313b93665977bdff6b49e3",
        "phase": "2359:3b03d5d0097cbb5125923995",
        "huge": "344585:6e6ab6c58c5c0230fd12a74c",
    },
    "ko": {
        "none": "954:784efae52cb71b76c528446f",
        "agency": "14123:216d183a9d931c03749d1885",
        "location": "24198:616c14720b5c8e35d6916043",
        "transport": "2973:c79e08841cf50e747c57da8d",
        "day": "54285:e09d522eb2c06129c49b1ced",
        "officer": "25280:69a6c8fc571f96afbdcc9c72",
        "origin": "3246:69a35a5bd0db51d165b23d1c",
        "destination": "3630:8a922bc71c83eca1b08ac484",
        "route": "8655:c1b12d12aacc6abf092d59d2",
        "concealment": "2818:b2b49a168ead1e891e6f27f5",
        "detection": "3598:e1ac0b62af30c33d7cf34a7f",
        "phase": "1951:8b79e646915ce25b5381638b",
        "huge": "343926:22f5026c9412bdafbf48aa32",
    },
    "th": {
        "none": "1175:59d3004f68f726026a85692d",
        "agency": "15975:576e4f1af5bbe033427b46fc",
        "location": "27584:4bf16728555128bf385f22af",
        "transport": "3557:769d43ee52bd3b09f6f2a49a",
        "day": "61870:c93270265abcb97700b6a4dd",
        "officer": "28947:998a64ed0a96cbd24c45516f",
        "origin": "3870:6e994e3a65a9f4ffa2f4a8a4",
        "destination": "4665:ba2de948c20b9edab71cf7fc",
        "route": "10016:4fa455b4505d550d052ebd2b",
        "concealment": "3318:a3a4051c68daa5188a641078",
        "detection": "4650:59d5f98a8472c37e3a111a3b",
        "phase": "2298:0ca13c3ce1b104824043126b",
        "huge": "344457:392266dadc356a88d0d07125",
    },
}


@pytest.mark.parametrize("locale", ["en", "ko", "th"])
def test_a_long_breakdown_is_sent_word_for_word_as_pinned(locale: str) -> None:
    digests = {}
    with using(locale):
        for seed, dimension in enumerate(DIMENSIONS):
            text = _answer(_summary(dimension, seed))
            key = dimension.value if dimension else "none"
            digests[key] = _digest(text)
        # Beyond a hundred messages' worth: cut, with the lines left out counted.
        digests["huge"] = _digest(_answer(_summary(Dimension.LOCATION, 99, many=1500)))
    if os.environ.get("PIN_SHOW"):
        print(locale, digests)
    assert digests == PINNED[locale]


@pytest.mark.parametrize("locale", ["en", "ko", "th"])
def test_whole_numbers_are_written_as_babel_writes_them(locale: str) -> None:
    rng = random.Random(16)
    values = [0, 1, -1, 999, 1000, -1000, 10**6, 10**18, -(10**12) - 7]
    values += [rng.randint(-(10**15), 10**15) for _ in range(2000)]
    with using(locale):
        assert [number(v) for v in values] == [
            format_decimal(v, locale=locale, decimal_quantization=False) for v in values
        ]
