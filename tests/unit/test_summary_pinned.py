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
PINNED = {
    "en": {
        "none": "1172:e16283cbc786228ecc32e797",
        "agency": "16421:02b16a2d69c018781a5dec44",
        "location": "28465:8100bcb2776b874760da7e32",
        "transport": "3473:6d89869c9b4c607c3ec2233f",
        "day": "63753:806663354b4f228259fecc63",
        "officer": "29817:e79423ad4af91ed781a39cdf",
        "origin": "3789:0cb278c0d0e50c5117f39840",
        "destination": "4463:ac4fc3283577c18b741ffb8d",
        "route": "10141:d9a9b89090c302b742b3893c",
        "concealment": "3247:92c35768a253a339ed5139d8",
        "detection": "4434:95c9e01a5364f1763b534e7c",
        "phase": "2186:85c2db08161ffb5a0d7f5107",
        "huge": "344579:994472e4900c0be05f35f7ce",
    },
    "ko": {
        "none": "999:7c4ec4b46faddac468be5169",
        "agency": "14642:4d32d18bec42ce924ab37dbc",
        "location": "25166:7771ed4958c724d1c7f3c725",
        "transport": "2991:d53b339d1d57b9e85030a872",
        "day": "56507:338cda21b90790321009f431",
        "officer": "26284:755a28158acd1679776b41b1",
        "origin": "3241:27af3d3176bba2168fbd6509",
        "destination": "3656:e200ef12a9a94007433a08f4",
        "route": "8874:ff6535027c357ba719ddb8ed",
        "concealment": "2821:cbe762d0990aa5e88ada142c",
        "detection": "3632:9f9a4d614812a43a3995c3c4",
        "phase": "1929:143973eaa3f766d203f72925",
        "huge": "344087:2a989dd43277acbff4e3dc78",
    },
    "th": {
        "none": "1205:9f2e4da33b938def8e17173e",
        "agency": "16431:f2239eddac049e6e02315a88",
        "location": "28557:22e160329be12f566f4a4229",
        "transport": "3504:992d877f6106f12b74e3447b",
        "day": "63965:3781a22dccf35cbd56d00f75",
        "officer": "29800:4078252cd5ac5a7684d80e09",
        "origin": "3766:62799eabadfe6d8a29290567",
        "destination": "4444:6ddc9092fdd06f7fe4b84b19",
        "route": "10143:6ddc2fa54189007a5b99e210",
        "concealment": "3228:929dd57c58c51d7e567f2811",
        "detection": "4480:8c67903a97196a31a3312d5d",
        "phase": "2202:b7cb2ebd85c2a50695739d42",
        "huge": "344533:fa829c5105b8393b41f70e4f",
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
