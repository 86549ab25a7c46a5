"""/export holds every report exactly; `python -m bot import` reads it back, all or nothing."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path

import pytest

import bot.import_cli
import bot.import_file
from bot.exporting import build_export
from bot.import_cli import main as import_main
from bot.parsing.summary import parse_summary_args
from bot.render.export import COLUMNS
from bot.render.summary import group_label, render_summary
from storage.database import Database
from storage.summary import load_summary
from tests.storage.seed import NOW, Item, Seed, meth, unclassified


async def build_summary(db, *, operation_id, request, now) -> list[str]:
    """The /summary answer's messages, as the handler builds them."""
    summary = await load_summary(
        db, operation_id=operation_id, request=request, now=now, label=group_label
    )
    return render_summary(summary)


async def fill(db: Database, *, code: str = "SIREN") -> int:
    seed = await Seed.create(db, code=code)
    kcs = await seed.agency("KCS", "Korea Customs Service")
    tcd = await seed.agency("TCD", "Thai Customs Department", "Asia/Bangkok")
    kim = await seed.officer(501, "Kim Min-jun", kcs)
    await seed.report(
        meth("22000"), Item("mdma", "29000", "unit", "tablet"), officer=kim, agency=kcs,
        location="@ICN cargo", transport="air_cargo", note="=HYPERLINK(\"x\")",
        text="/seizure 22kg meth + 29000 ecstasy pills @ICN cargo", tags='["#icn", "#xmas"]',
        origin="TH", destination="KR", concealment="tea packs", detection="x_ray",
        reference="ICN-2026-001", occurred_on="2026-11-21",
    )  # fmt: skip
    await seed.report(
        Item("ghb", "0.000000001", "ml"), unclassified("Blue, powder", "12.5"), officer=502,
        agency=tcd, text='/s 12.5 g "blue, powder"\nsecond line', day="2026-11-21",
    )  # fmt: skip
    voided = await seed.report(meth("99"), officer=kim, agency=kcs)
    await seed.void(voided, by=900, reason="typed twice")
    await seed.report(Item("lsd", "250", "unit", "blotter"), officer=503, agency=None)
    return seed.operation_id


@pytest.fixture
async def source(tmp_path: Path):
    db = await Database.open(tmp_path / "source.sqlite3")
    operation_id = await fill(db)
    yield db, operation_id
    await db.close()


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


async def test_csv_has_every_report_and_item_with_voids_marked(source):
    db, operation_id = source
    name, data = await build_export(db, operation_id=operation_id, fmt="csv", now=NOW)
    assert name == "SIREN-reports-20261122-0300Z.csv"
    rows = read_csv(data)
    assert list(rows[0]) == list(COLUMNS)
    assert [(r["report_id"], r["item"]) for r in rows] == [
        ("1", "1"), ("1", "2"), ("2", "1"), ("2", "2"), ("3", "1"), ("4", "1"),
    ]  # fmt: skip
    first = rows[0]
    assert first["agency"] == "KCS" and first["officer_name"] == "Kim Min-jun"
    assert first["reported_at_utc"] == "2026-11-22T01:00:00+00:00"
    assert first["reported_at_local"] == "2026-11-22T10:00:00+09:00"
    assert (
        first["amount"] == "22000"
        and first["unit"] == "g"
        and first["substance"] == "methamphetamine"
    )
    assert first["location"] == "'@ICN cargo"  # a spreadsheet would take @ or = for a formula
    assert first["note"] == '\'=HYPERLINK("x")'
    assert first["tags"] == '["#icn", "#xmas"]'
    assert rows[2]["amount"] == "0.000000001"
    assert rows[3]["substance"] == "" and rows[3]["substance_text"] == "Blue, powder"
    assert rows[2]["text"] == '/s 12.5 g "blue, powder"\nsecond line'
    voided = rows[4]
    assert (voided["voided"], voided["voided_by"], voided["void_reason"]) == (
        "yes", "900", "typed twice",
    )  # fmt: skip
    assert voided["voided_at_utc"] == NOW.isoformat()
    assert voided["voided_at_local"] == "2026-11-22T12:00:00+09:00"
    assert rows[5]["agency"] == "" and rows[0]["voided"] == ""


async def run_import(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = await asyncio.to_thread(import_main, argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


async def empty_operation(path: Path, code: str = "SIREN") -> None:
    db = await Database.open(path)
    await Seed.create(db, code=code)
    await db.close()


async def test_round_trip_is_exact(source, tmp_path: Path):
    db, operation_id = source
    _, exported = await build_export(db, operation_id=operation_id, fmt="csv", now=NOW)
    (tmp_path / "reports.csv").write_bytes(exported)
    target = tmp_path / "target.sqlite3"
    await empty_operation(target)
    code, out, err = await run_import(
        [str(tmp_path / "reports.csv"), "--operation", "SIREN", "--db", str(target)]
    )
    assert (code, err) == (0, "")
    assert out.startswith("Imported 4 reports (6 items) into SIREN in ")
    copy = await Database.open(target)
    _, again = await build_export(copy, operation_id=1, fmt="csv", now=NOW)
    assert again == exported
    # (not 'by officer': import makes nobody a member, so names come without an agency)
    for args in ("", "by agency", "by transport", "yesterday by location"):
        request = parse_summary_args(args)
        assert await build_summary(copy, operation_id=1, request=request, now=NOW) == (
            await build_summary(db, operation_id=operation_id, request=request, now=NOW)
        )
    await copy.close()


async def test_an_items_details_are_imported_as_written(source, tmp_path: Path):
    db, operation_id = source
    _, exported = await build_export(db, operation_id=operation_id, fmt="csv", now=NOW)
    for column, value in (("packages", "3"), ("approximate", "yes"), ("provisional", "yes"),
                          ("gross", "2300.5"), ("corrected_from", "'=22 kg")):  # fmt: skip
        exported = corrupt(exported, 3, column, value)
    (tmp_path / "details.csv").write_bytes(exported)
    target = tmp_path / "target.sqlite3"
    await empty_operation(target)
    code, _, err = await run_import(
        [str(tmp_path / "details.csv"), "--operation", "SIREN", "--db", str(target)]
    )
    assert (code, err) == (0, "")
    copy = await Database.open(target)
    rows = await copy.fetchall(
        "SELECT packages, approximate, provisional, gross, corrected_from FROM seizure_item"
        " ORDER BY seizure_id, position"
    )
    await copy.close()
    assert [tuple(r) for r in rows[:3]] == [
        (None, 0, 0, None, None),
        (3, 1, 1, "2300.5", "=22 kg"),  # row 3 of the file: the first report's second item
        (None, 0, 0, None, None),
    ]


def corrupt(data: bytes, row: int, column: str, value: str) -> bytes:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    rows[row - 1][COLUMNS.index(column)] = value
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8-sig")


@pytest.mark.parametrize(
    ("row", "column", "value", "message"),
    [
        (5, "amount", "2,5", "row 5, amount: '2,5' is not a number like 2000 or 0.5"),
        (3, "unit", "kg", "row 3, unit: 'kg' is not one of g, ml, unit"),
        (4, "reported_at_utc", "yesterday", "row 4, reported_at_utc: 'yesterday' is not a UTC"),
        (2, "day", "2026-02-30", "row 2, day: '2026-02-30' is not a date like 2026-11-22"),
        (3, "location", "BKK", "row 3, location: differs from row 2 of the same report"),
        (7, "report_id", "1", "row 7, report_id: reports must keep the order /export wrote"),
        (6, "voided_at_utc", "", "row 6, voided_at_utc: a voided report needs the time"),
        (2, "amount", "1.0000000001", "row 2, amount: 1.0000000001 has more than 9 decimals"),
        (3, "approximate", "maybe", "row 3, approximate: 'maybe' is not yes or empty"),
        (4, "provisional", "no", "row 4, provisional: 'no' is not yes or empty"),
        (2, "packages", "0", "row 2, packages: must be 1 or more"),
        (5, "packages", "3 boxes", "row 5, packages: '3 boxes' is not a whole number"),
        (3, "gross", "2.5kg", "row 3, gross: '2.5kg' is not a number of grams like 2300"),
        (2, "gross", "1.0000000001", "row 2, gross: '1.0000000001' is not a number of grams"),
    ],
)
async def test_a_bad_row_is_named_and_nothing_is_imported(
    source, tmp_path: Path, row, column, value, message
):
    db, operation_id = source
    _, exported = await build_export(db, operation_id=operation_id, fmt="csv", now=NOW)
    (tmp_path / "bad.csv").write_bytes(corrupt(exported, row, column, value))
    target = tmp_path / "target.sqlite3"
    await empty_operation(target)
    code, out, err = await run_import(
        [str(tmp_path / "bad.csv"), "--operation", "SIREN", "--db", str(target)]
    )
    assert code == 1 and out == ""
    assert err.startswith(message)
    assert err.endswith("Nothing was imported.\n")
    copy = await Database.open(target)
    for table in ("seizure", "seizure_item", "seizure_total", "agency", "person"):
        assert (await copy.fetchone(f"SELECT count(*) FROM {table}"))[0] == 0, table
    await copy.close()


async def test_importing_twice_is_refused_and_taken_ids_are_renumbered(source, tmp_path: Path):
    db, operation_id = source
    _, exported = await build_export(db, operation_id=operation_id, fmt="csv", now=NOW)
    (tmp_path / "reports.csv").write_bytes(exported)
    target = tmp_path / "target.sqlite3"
    await empty_operation(target, "OTHER")
    await empty_operation(target, "SIREN")
    argv = [str(tmp_path / "reports.csv"), "--operation", "SIREN", "--db", str(target)]
    assert (await run_import(argv))[0] == 0
    code, _, err = await run_import(argv)
    assert code == 1
    assert err == (
        "row 2, message_id: this report is already in SIREN (chat -100, message 1)\n"
        "Nothing was imported.\n"
    )
    # Another operation's file whose ids are taken here: imported under new ids.
    other = tmp_path / "other.sqlite3"
    other_db = await Database.open(other)
    other_id = await fill(other_db, code="OTHER")
    await other_db.write(
        lambda conn: conn.execute("UPDATE seizure SET chat_id = -200, update_id = update_id + 5000")
    )
    _, foreign = await build_export(other_db, operation_id=other_id, fmt="csv", now=NOW)
    await other_db.close()
    (tmp_path / "other.csv").write_bytes(foreign)
    code, out, err = await run_import(
        [str(tmp_path / "other.csv"), "--operation", "OTHER", "--db", str(target)]
    )
    assert (code, err) == (0, "")
    assert "(report ids were taken: renumbered from 5)" in out


async def test_usage_and_missing_operation(tmp_path: Path):
    code, _, err = await run_import(["x.csv"])
    assert code == 2 and "--operation" in err and "e.g. python -m bot import" in err
    target = tmp_path / "target.sqlite3"
    await empty_operation(target)
    (tmp_path / "x.csv").write_text("report_id\n")
    code, _, err = await run_import(
        [str(tmp_path / "x.csv"), "--operation", "NOPE", "--db", str(target)]
    )
    assert code == 1 and err.startswith("No operation NOPE in ")


async def test_progress_bar_on_a_large_file(source, tmp_path: Path, monkeypatch):
    db, operation_id = source
    _, exported = await build_export(db, operation_id=operation_id, fmt="csv", now=NOW)
    (tmp_path / "reports.csv").write_bytes(exported)
    target = tmp_path / "target.sqlite3"
    await empty_operation(target)
    monkeypatch.setattr(bot.import_file, "_PROGRESS_FROM_BYTES", 100)
    code, _, err = await run_import(
        [str(tmp_path / "reports.csv"), "--operation", "SIREN", "--db", str(target)]
    )
    assert code == 0
    assert err.splitlines()[-1] == f"importing [{'#' * 30}] 100%  6 rows"
