"""/chart gives a real PNG for every kind of chart, and plots what the database holds."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from bot.chart import build_chart
from bot.domain.catalogue import Catalogue
from bot.domain.summary import SummaryRefused
from bot.parsing.summary import parse_chart_args
from bot.render.chart import chart_data
from bot.render.chart_draw import MAX_HEIGHT, WIDTH, figure
from bot.render.summary_refusals import summary_refusal
from storage.chart import chart_source
from storage.database import Database
from tests.storage.seed import NOW, Item, Seed, meth, unclassified

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
async def siren(tmp_path: Path):
    db = await Database.open(tmp_path / "ocu.sqlite3")
    seed = await Seed.create(db, exercise=True)
    kcs = await seed.agency("KCS", "Korea Customs Service")
    tcd = await seed.agency("TCD", "Thai Customs Department")
    await seed.report(meth("1500"), officer=1, agency=kcs, day="2026-11-20")
    await seed.report(meth("500"), Item("mdma", "300", "unit", "tablet"), officer=2, agency=tcd,
                      day="2026-11-22")  # fmt: skip
    await seed.report(Item("ghb", "250", "ml"), unclassified("ยาอี สีชมพู", "3"), officer=2,
                      agency=tcd, day="2026-11-21")  # fmt: skip
    voided = await seed.report(meth("90000"), officer=1, agency=kcs, day="2026-11-22")
    await seed.void(voided)
    yield db, seed.operation_id
    await db.close()


def image(png: bytes, smallest: int = 20_000) -> Image.Image:
    assert png.startswith(PNG_MAGIC)
    assert len(png) > smallest  # axes, lines and text, not a blank canvas
    return Image.open(io.BytesIO(png))


@pytest.mark.parametrize("args", ["", "by agency", "week", "today meth", "agency=TCD", "today"])
async def test_charts_are_phone_sized_pngs(siren, args):
    db, operation_id = siren
    request = parse_chart_args(args, find_substance=Catalogue.load().lookup)
    png = image(await build_chart(db, operation_id=operation_id, request=request, now=NOW))
    width, height = png.size
    # Telegram keeps 1280 px of a photo's long side; beyond that it shrinks the text.
    assert width == WIDTH * 180 and 300 <= height <= MAX_HEIGHT * 180 <= 1280


async def test_an_empty_period_still_draws(siren):
    db, operation_id = siren
    request = parse_chart_args("2026-01-01")
    png = await build_chart(db, operation_id=operation_id, request=request, now=NOW)
    assert "No seizures recorded in this period" in image(png, 5_000).info["Description"]
    source = await chart_source(db, operation_id=operation_id, request=request, now=NOW)
    assert chart_data(source).panels == ()


async def test_what_the_chart_plots(siren):
    db, operation_id = siren
    source = await chart_source(
        db, operation_id=operation_id, request=parse_chart_args(""), now=NOW
    )
    data = chart_data(source)
    assert data.title == "EXERCISE — SIREN — Operation Siren"
    assert data.subtitle == (
        "Cumulative seizures · Whole operation, 2026-11-20 – 2026-11-22 (Asia/Seoul)"
    )
    assert [str(day) for day in data.days] == ["2026-11-20", "2026-11-21", "2026-11-22"]
    assert [text for _n, text in data.ticks] == ["Nov 20", "Nov 21", "Nov 22"]
    panels = {panel.axis_label: {s.label: s.values for s in panel.series} for panel in data.panels}
    # Mass, volume and tablets apart; cumulative from each one's first seizure; the voided
    # 90 kg nowhere; 2 kg against 3 g on a log scale, so the 3 g still shows.
    assert panels == {
        "kg, cumulative, log scale": {
            "methamphetamine": (1.5, 1.5, 2.0),
            '"ยาอี สีชมพู"': (None, 0.003, 0.003),
        },
        "ml, cumulative": {"GHB": (None, 250.0, 250.0)},
        "tablets, cumulative": {"MDMA": (None, None, 300.0)},
    }


async def test_what_the_agency_chart_plots(siren):
    db, operation_id = siren
    request = parse_chart_args("by agency")
    data = chart_data(await chart_source(db, operation_id=operation_id, request=request, now=NOW))
    assert data.kind == "agency"
    mass = data.panels[0]
    assert mass.categories == (
        "KCS · methamphetamine",
        "TCD · methamphetamine",
        'TCD · "ยาอี สีชมพู"',
    )
    (series,) = mass.series
    assert series.values == (1.5, 0.5, 0.003)
    assert series.texts == ("1.5 kg", "0.5 kg", "0.003 kg")
    # Linear from zero, as every bar; coloured by substance (methamphetamine's one colour,
    # whichever agency seized it), not by agency.
    assert not mass.log and mass.axis_label == "kg"
    assert mass.shades[0] == mass.shades[1] != mass.shades[2]


async def test_one_day_is_bars_of_that_day_not_a_date_axis(siren):
    db, operation_id = siren
    request = parse_chart_args("today")
    data = chart_data(await chart_source(db, operation_id=operation_id, request=request, now=NOW))
    assert data.kind == "day" and [str(d) for d in data.days] == ["2026-11-22"]
    assert [(p.axis_label, p.categories, p.series[0].texts) for p in data.panels] == [
        ("g", ("methamphetamine",), ("500 g",)),
        ("tablets", ("MDMA",), ("300 tablets",)),
    ]
    fig = figure(data)
    # Bars of amounts: no axis carries dates at all.
    assert all(ax.xaxis.get_converter() is None for ax in fig.axes)


async def test_chart_arguments_are_checked(siren):
    db, operation_id = siren
    with pytest.raises(SummaryRefused) as refused:
        await build_chart(
            db, operation_id=operation_id, request=parse_chart_args("agency=XYZ"), now=NOW
        )
    assert re.search(r"No agency XYZ .* /chart agency=KCS", summary_refusal(refused.value))


async def test_a_linked_case_counts_once_in_the_chart(tmp_path: Path):
    from storage.cases import link_reports
    from storage.operations import get_operation

    db = await Database.open(tmp_path / "ocu.sqlite3")
    try:
        seed = await Seed.create(db)
        kcs = await seed.agency("KCS", "Korea Customs Service")
        tcd = await seed.agency("TCD", "Thai Customs Department")
        # One controlled delivery reported by both administrations on the same day.
        await seed.report(meth("2000"), officer=1, agency=kcs, day="2026-11-20")
        await seed.report(meth("1800"), officer=2, agency=tcd, day="2026-11-20")
        await seed.report(meth("100"), officer=1, agency=kcs, day="2026-11-21")
        operation = await get_operation(db, operation_id=seed.operation_id)
        assert operation is not None
        await link_reports(
            db, operation=operation, numbers=(1, 2), update_id=None, actor_id=1, now=NOW
        )
        source = await chart_source(
            db, operation_id=seed.operation_id, request=parse_chart_args(""), now=NOW
        )
        (panel,) = chart_data(source).panels
        # The case at its largest report's 2 kg, never 3.8 kg; then the 0.1 kg of the 21st. (The
        # axis runs to the 22nd, the seeded operation's first day, after these reports: the
        # whole operation's span reaches its first day, session 14.)
        assert {s.label: s.values for s in panel.series} == {"methamphetamine": (2.0, 2.1, 2.1)}
        by_agency = chart_data(
            await chart_source(
                db, operation_id=seed.operation_id, request=parse_chart_args("by agency"), now=NOW
            )
        )
        # Each administration's part stays its own, as /summary by agency shows it.
        (series,) = by_agency.panels[0].series
        assert series.values == (2.1, 1.8)
    finally:
        await db.close()
