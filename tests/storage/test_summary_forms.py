"""A substance filter with a form ('yaba': methamphetamine tablets) on a real database: the
running totals, the case counts and linked cases all keep to that form."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bot.domain.catalogue import Catalogue
from bot.domain.summary import Summary
from bot.parsing.summary import parse_chart_args, parse_summary_args
from bot.render.summary import group_label
from storage.cases import link_reports
from storage.chart import chart_source
from storage.database import Database
from storage.operations import get_operation
from storage.summary import load_summary
from tests.storage.seed import NOW, Item, Seed, meth

catalogue = Catalogue.load()


def tablets(amount: str) -> Item:
    return Item("methamphetamine", amount, "unit", "tablet")


@pytest.fixture
async def siren(tmp_path: Path):
    """Meth weighed and meth tablets, two tablet reports linked into one case."""
    db = await Database.open(tmp_path / "ocu.sqlite3")
    seed = await Seed.create(db)
    kcs, tcd = await seed.agency("KCS", "Korea Customs"), await seed.agency("TCD", "Thai Customs")
    await seed.report(meth("2000"), officer=1, agency=kcs, location="ICN")
    first = await seed.report(tablets("300"), officer=2, agency=tcd, location="BKK")
    second = await seed.report(tablets("200"), officer=2, agency=tcd, location="BKK")
    await seed.report(meth("500"), tablets("100"), officer=1, agency=kcs, origin="TH")
    operation = await get_operation(db, operation_id=seed.operation_id)
    assert operation is not None
    await link_reports(
        db, operation=operation, numbers=(first, second), update_id=None, actor_id=1, now=NOW
    )
    yield db, seed
    await db.close()


async def _summary(db: Database, seed: Seed, args: str) -> Summary:
    request = parse_summary_args(
        args, find_substance=catalogue.lookup, form_of=catalogue.narrowing_form
    )
    return await load_summary(
        db, operation_id=seed.operation_id, request=request, now=NOW, label=group_label
    )


def _rows(summary: Summary) -> dict[str, list[tuple[str, str | None, Decimal, int]]]:
    return {
        g.label: [(t.unit, t.form, t.amount, t.cases) for t in g.totals] for g in summary.groups
    }


async def test_yaba_counts_the_tablets_alone_with_a_linked_case_once(siren) -> None:
    db, seed = siren
    yaba = await _summary(db, seed, "yaba")
    assert yaba.heading.substance_form == "tablet"
    # The linked case at its largest report's 300, and the mixed report's 100 tablets.
    assert _rows(yaba) == {"": [("unit", "tablet", Decimal("400"), 2)]}
    assert (yaba.cases, yaba.linked) == (2, 1)
    meth_all = await _summary(db, seed, "meth")
    assert meth_all.heading.substance_form is None
    assert _rows(meth_all) == {
        "": [("g", None, Decimal("2500"), 2), ("unit", "tablet", Decimal("400"), 2)]
    }
    assert meth_all.cases == 3


async def test_yaba_breakdowns_and_agency_keep_to_the_tablets(siren) -> None:
    db, seed = siren
    # Location and origin come from seizure_dim_total, agency from seizure_total.
    assert _rows(await _summary(db, seed, "yaba by location")) == {
        "BKK": [("unit", "tablet", Decimal("300"), 1)],
        "Location not stated": [("unit", "tablet", Decimal("100"), 1)],
    }
    assert _rows(await _summary(db, seed, "yaba by origin")) == {
        "Origin not stated": [("unit", "tablet", Decimal("300"), 1)],
        "Thailand (TH)": [("unit", "tablet", Decimal("100"), 1)],
    }
    kcs = await _summary(db, seed, "yaba agency=KCS")
    assert _rows(kcs) == {"": [("unit", "tablet", Decimal("100"), 1)]}
    assert kcs.cases == 1


async def test_chart_yaba_draws_the_tablets_alone(siren) -> None:
    db, seed = siren
    request = parse_chart_args(
        "yaba by agency", find_substance=catalogue.lookup, form_of=catalogue.narrowing_form
    )
    source = await chart_source(db, operation_id=seed.operation_id, request=request, now=NOW)
    assert sorted((a, t.form, t.amount) for a, t in source.rows) == [
        ("KCS", "tablet", Decimal("100")),
        ("TCD", "tablet", Decimal("300")),
    ]


def test_only_a_name_of_one_form_narrows() -> None:
    forms = {w: catalogue.narrowing_form(w) for w in ("yaba", "야바", "ice", "meth", "lsd", "acid")}
    assert forms == {"yaba": "tablet", "야바": "tablet", "ice": None, "meth": None, "lsd": None,
                     "acid": None}  # fmt: skip
