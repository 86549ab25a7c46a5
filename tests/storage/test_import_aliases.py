"""An imported item another operation's /alias classified counts as the target's alias says."""

from __future__ import annotations

from pathlib import Path

from bot.exporting import build_export
from bot.parsing.summary import parse_summary_args
from storage.aliases import add_alias
from storage.database import Database
from storage.totals import rebuild_totals
from tests.storage.seed import NOW, Seed, meth, unclassified
from tests.storage.test_export_import import build_summary, read_csv, run_import
from tests.storage.test_import_live import all_totals


async def exported_siren(tmp_path: Path) -> Path:
    """SIREN: 1 kg zombie (then `/alias zombie heroin`), 2 kg zombie + 1 kg meth, exported."""
    db = await Database.open(tmp_path / "source.sqlite3")
    seed = await Seed.create(db)
    kcs = await seed.agency("KCS", "Korea Customs Service")
    await seed.report(unclassified("zombie", "1000"), officer=501, agency=kcs)
    await seed.report(unclassified("Zombie", "2000"), meth("1000"), officer=501, agency=kcs)
    await add_alias(
        db,
        operation_id=seed.operation_id,
        words="zombie",
        substance="heroin",
        actor_id=900,
        now=NOW,
    )
    _, data = await build_export(db, operation_id=seed.operation_id, fmt="csv", now=NOW)
    rows = read_csv(data)
    assert [(r["substance"], r["substance_text"]) for r in rows] == [
        ("heroin", "zombie"), ("heroin", "Zombie"), ("methamphetamine", ""),
    ]  # fmt: skip
    await db.close()
    path = tmp_path / "siren.csv"
    path.write_bytes(data)
    return path


async def summary_of(db: Database, operation_id: int) -> str:
    request = parse_summary_args("")
    return "\n".join(await build_summary(db, operation_id=operation_id, request=request, now=NOW))


async def test_another_operations_alias_gives_way_to_the_targets(tmp_path: Path):
    csv_path = await exported_siren(tmp_path)
    target = tmp_path / "target.sqlite3"
    db = await Database.open(target)
    tundra = (await Seed.create(db, code="TUNDRA")).operation_id
    await add_alias(
        db, operation_id=tundra, words="zombie", substance="ketamine", actor_id=900, now=NOW
    )
    await db.close()
    code, _, err = await run_import([str(csv_path), "--operation", "TUNDRA", "--db", str(target)])
    assert (code, err) == (0, "")
    db = await Database.open(target)
    try:
        shown = await summary_of(db, tundra)
        assert "heroin" not in shown.lower()
        assert "ketamine" in shown.lower() and "3 kg" in shown
        kept = await all_totals(db)
        await db.write(lambda conn: rebuild_totals(conn, tundra))
        assert await all_totals(db) == kept
        # Re-pointing TUNDRA's alias moves both imported items, words kept beside the id.
        moved = await add_alias(
            db, operation_id=tundra, words="zombie", substance="cocaine", actor_id=900, now=NOW
        )
        assert (moved.classified, moved.moved) == (0, 2)
        shown = await summary_of(db, tundra)
        assert "ketamine" not in shown.lower() and "cocaine" in shown.lower()
        kept = await all_totals(db)
        await db.write(lambda conn: rebuild_totals(conn, tundra))
        assert await all_totals(db) == kept
    finally:
        await db.close()


async def test_without_an_alias_in_the_target_the_words_stay_unclassified(tmp_path: Path):
    csv_path = await exported_siren(tmp_path)
    target = tmp_path / "target.sqlite3"
    db = await Database.open(target)
    tundra = (await Seed.create(db, code="TUNDRA")).operation_id
    await db.close()
    code, _, err = await run_import([str(csv_path), "--operation", "TUNDRA", "--db", str(target)])
    assert (code, err) == (0, "")
    db = await Database.open(target)
    try:
        rows = await db.fetchall(
            "SELECT substance, substance_text FROM seizure_item ORDER BY seizure_id, position"
        )
        assert [tuple(r) for r in rows] == [
            (None, "zombie"), (None, "Zombie"), ("methamphetamine", None),
        ]  # fmt: skip
        assert "heroin" not in (await summary_of(db, tundra)).lower()
        kept = await all_totals(db)
        await db.write(lambda conn: rebuild_totals(conn, tundra))
        assert await all_totals(db) == kept
        # A later /alias in the target classifies them like its own reports.
        done = await add_alias(
            db, operation_id=tundra, words="zombie", substance="cocaine", actor_id=900, now=NOW
        )
        assert (done.classified, done.moved) == (2, 0)
    finally:
        await db.close()


async def test_into_the_same_operation_nothing_changes(tmp_path: Path):
    csv_path = await exported_siren(tmp_path)
    target = tmp_path / "target.sqlite3"
    db = await Database.open(target)
    siren = (await Seed.create(db)).operation_id
    await add_alias(
        db, operation_id=siren, words="zombie", substance="heroin", actor_id=900, now=NOW
    )
    await db.close()
    code, _, err = await run_import([str(csv_path), "--operation", "SIREN", "--db", str(target)])
    assert (code, err) == (0, "")
    db = await Database.open(target)
    try:
        _, again = await build_export(db, operation_id=siren, fmt="csv", now=NOW)
        assert again == csv_path.read_bytes()
        kept = await all_totals(db)
        await db.write(lambda conn: rebuild_totals(conn, siren))
        assert await all_totals(db) == kept
    finally:
        await db.close()
