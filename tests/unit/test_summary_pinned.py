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
PINNED = {
    "en": {
        "none": "1172:e16283cbc786228ecc32e797",
        "agency": "16448:99e81cb2622c44f25972be3b",
        "location": "28507:651e21a2eec0a34ce91b8397",
        "transport": "3477:284cd2f464a368ad1de03f14",
        "day": "63854:a38c0252090d83ba01e20bdb",
        "officer": "29865:fe57eb9e299a4590a5d83b97",
        "origin": "3808:9ea51d20fa7c3a8f521f4b3f",
        "destination": "4482:81aa6b86624efc96d51bafa7",
        "route": "10412:8ce089be44707cf87ae7b1b7",
        "concealment": "3250:afba7be0410d59aae7d80f33",
        "detection": "4438:8954934cdd74b69ec86737a8",
        "phase": "2188:c593a01da416543278f07d2d",
        "huge": "344551:79363c74e816ccc0e4e845d8",
    },
    "ko": {
        "none": "999:abc54a7352546483b594f497",
        "agency": "14669:79cf6bde99b55e8182f90615",
        "location": "25208:3c76cd2d6b2b23959656b79a",
        "transport": "2995:ffa896025ecb2f55f17ebb8f",
        "day": "56608:f9a19b85d02b53905841d825",
        "officer": "26332:a669beece70567878ab3fb0d",
        "origin": "3252:ac76db6c883db82e2de27f0c",
        "destination": "3667:a40fee457edcf7a4d6b589e2",
        "route": "9009:110972cb5d5a3815ff70f645",
        "concealment": "2824:ba3045f15f8605f7ea7fd2cd",
        "detection": "3636:3236656728fe5552c536271b",
        "phase": "1942:ed3dfc18992a211e2f89510c",
        "huge": "344116:c9b17af619cc2fa559b18b7c",
    },
    "th": {
        "none": "1213:6e0f0b4adb0078afcd5cf17c",
        "agency": "16466:c0ecebf55d8447620a64881a",
        "location": "28607:47238957441ca8b99d570693",
        "transport": "3516:f9a4ba0196228158c1a5b974",
        "day": "64074:a622d8a39c28b95d4a1f1a9b",
        "officer": "29856:c4917fe980d111def1a3512b",
        "origin": "3791:3c761637b20afe96ac91fac4",
        "destination": "4469:199471455598fd55b8314a9f",
        "route": "10358:d05445371652963bdca78d82",
        "concealment": "3239:91857d8079e691d8e8bb3e6c",
        "detection": "4492:7e7f4c466e30cf75b1914fd5",
        "phase": "2219:1fb14796fff5212163377d38",
        "huge": "344529:e1764d2256a538dc5f264688",
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
