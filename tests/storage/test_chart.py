"""/chart gives a real PNG for every kind of chart, including an empty period."""

from __future__ import annotations

import io
import re
from pathlib import Path

import matplotlib.image
import pytest

from bot.domain.catalogue import Catalogue
from bot.domain.summary import Dimension, SummaryRefused
from bot.parsing.summary import parse_chart_args
from bot.render.chart import agency_chart, build_chart, time_chart
from bot.render.summary import summary_refusal
from storage.database import Database
from storage.summary import resolve_scope, scoped_totals
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


def image(png: bytes, smallest: int = 20_000):
    assert png.startswith(PNG_MAGIC)
    assert len(png) > smallest  # axes, lines and text, not a blank canvas
    return matplotlib.image.imread(io.BytesIO(png), format="png")


@pytest.mark.parametrize("args", ["", "by agency", "week", "today meth", "agency=TCD"])
async def test_charts_are_pngs(siren, args):
    db, operation_id = siren
    request = parse_chart_args(args, find_substance=Catalogue.load().lookup)
    pixels = image(await build_chart(db, operation_id=operation_id, request=request, now=NOW))
    height, width, _ = pixels.shape
    assert width >= 900 and height >= 300


async def test_an_empty_period_still_draws(siren):
    db, operation_id = siren
    request = parse_chart_args("2026-01-01")
    image(await build_chart(db, operation_id=operation_id, request=request, now=NOW), 5_000)


async def test_what_the_chart_plots(siren):
    db, operation_id = siren
    request = parse_chart_args("")
    scope = await resolve_scope(
        db, operation_id=operation_id, request=request, now=NOW, command="chart"
    )
    assert scope.operation.exercise
    rows, _ = await scoped_totals(
        db, scope=scope, request=request, dimension=Dimension.DAY, command="chart"
    )
    data = time_chart(scope, rows)
    assert data.title == "EXERCISE — SIREN — Operation Siren"
    assert data.subtitle == (
        "Cumulative seizures · Whole operation, 2026-11-20 – 2026-11-22 (Asia/Seoul)"
    )
    assert [str(day) for day in data.x] == ["2026-11-20", "2026-11-21", "2026-11-22"]
    panels = {panel.unit: dict(panel.series) for panel in data.panels}
    # Mass, volume and tablets apart; cumulative; the voided 90 kg nowhere.
    assert panels["kg"] == {"methamphetamine": (1.5, 1.5, 2.0), '"ยาอี สีชมพู"': (0, 0.003, 0.003)}
    assert panels["ml"] == {"GHB": (0.0, 250.0, 250.0)}
    assert panels["tablets"] == {"MDMA": (0.0, 0.0, 300.0)}
    by_agency = agency_chart(
        scope,
        (
            await scoped_totals(
                db, scope=scope, request=request, dimension=Dimension.AGENCY, command="chart"
            )
        )[0],
    )
    assert by_agency.x == ("KCS", "TCD")
    assert dict(by_agency.panels[0].series) == {
        "methamphetamine": (1.5, 0.5),
        '"ยาอี สีชมพู"': (0, 0.003),
    }


async def test_chart_arguments_are_checked(siren):
    db, operation_id = siren
    with pytest.raises(SummaryRefused) as refused:
        await build_chart(
            db, operation_id=operation_id, request=parse_chart_args("agency=XYZ"), now=NOW
        )
    assert re.search(r"No agency XYZ .* /chart agency=KCS", summary_refusal(refused.value))
