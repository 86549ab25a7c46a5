"""An import beside the live bot: the bot's writes go on between its short transactions, and its
reports appear all at once at the end, or never if it fails or is killed."""

from __future__ import annotations

import asyncio
import csv
import fcntl
import io
import logging
import os
import signal
import sys
import threading
from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import pytest

import bot.import_checks
import bot.import_cli
import storage.write_turns
from bot.domain.catalogue import Catalogue
from bot.domain.listing import ListingFilter
from bot.domain.summary import DateRange, Dimension
from bot.exporting import build_export
from bot.import_cli import main as import_main
from bot.parsing import parse_seizure
from bot.render.export import COLUMNS
from storage import agency_status, import_removal, imports
from storage import operations as operation_store
from storage.agency_status import agency_statuses
from storage.database import Database
from storage.dimensions import Scope, case_counts
from storage.export import ExportReader
from storage.import_totals import merge_some
from storage.listing import UnknownAgency, report_page
from storage.operations import get_operation
from storage.seizure_voids import void_seizure
from storage.seizures import Recorded, recent_of, record_seizure
from storage.totals import rebuild_totals
from storage.totals_query import has_substance, reported_days, substance_totals
from tests.storage.seed import NOW, Seed

REPORTS = 3000
# What a person sees of the agencies while the import that adds JPC is unfinished.
HIDDEN_AGENCY = {
    "listed": ["KCS"], "summary": ["KCS"], "invitable": False, "exported": (["KCS"], 1)
}  # fmt: skip
CATALOGUE = Catalogue.load()


def big_csv(reports: int) -> bytes:
    """Reports of two agencies (one new to the operation), a void, two items each."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for n in range(1, reports + 1):
        row = dict.fromkeys(COLUMNS, "")
        agency = ("KCS", "Korea Customs Service") if n % 2 else ("JPC", "Japan Customs")
        row.update(
            report_id=str(n), agency=agency[0], agency_name=agency[1], agency_tz="Asia/Seoul",
            officer_id=str(7000 + n % 7), officer_name=f"Officer {n % 7}",
            reported_at_utc=f"2025-03-{1 + n % 28:02d}T01:00:00+00:00",
            day=f"2025-03-{1 + n % 28:02d}", location="ICN" if n % 3 else "PUS",
            text=f"/seizure {n} g meth", chat_id="-500", message_id=str(n),
        )  # fmt: skip
        if n % 10 == 0:
            row.update(voided="yes", voided_at_utc="2025-04-01T00:00:00+00:00", voided_by="1")
        for item, (substance, unit) in enumerate((("methamphetamine", "g"), ("mdma", "unit"))):
            form = "tablet" if unit == "unit" else ""
            row.update(item=str(item + 1), substance=substance, amount=str(n), unit=unit, form=form)
            writer.writerow([row[c] for c in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


async def all_totals(db: Database) -> list[tuple[Any, ...]]:
    rows = await db.fetchall("SELECT * FROM seizure_total ORDER BY 1, 2, 3, 4, 5, 6, 7")
    dims = await db.fetchall("SELECT * FROM seizure_dim_total ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9")
    return [tuple(r) for r in rows + dims]


async def visible_reports(db: Database, operation_id: int) -> int:
    _, data = await build_export(db, operation_id=operation_id, fmt="csv", now=NOW)
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    return len({r["report_id"] for r in rows})


async def shown_agencies(db: Database, operation_id: int) -> dict[str, object]:
    """The agencies as a person meets them: listed, in a summary, named in an invite or export."""
    with ExportReader(db.path, operation_id) as reader:
        exported = [a.code for a in reader.agencies()], reader.size().agencies
    return {
        "listed": [a.code for a in await operation_store.agencies(db, operation_id=operation_id)],
        "summary": [r["code"] for r in await agency_status.agencies(db, operation_id=operation_id)],
        "invitable": await operation_store.find_agency(db, operation_id=operation_id, code="JPC")
        is not None,
        "exported": exported,
    }


async def live_report(db: Database, operation_id: int, message_id: int) -> Any:
    operation = await get_operation(db, operation_id=operation_id)
    assert operation is not None
    text = "/seizure 2kg cocaine at ICN"
    return await record_seizure(
        db, operation=operation, agency_id=None, officer_id=42, chat_id=42,
        message_id=message_id, update_id=None, text=text, now=NOW,
        report=parse_seizure(text, catalogue=CATALOGUE, today=NOW.date()),
    )  # fmt: skip


@pytest.fixture
async def live(tmp_path: Path):
    db = await Database.open(tmp_path / "ocu.sqlite3")
    seed = await Seed.create(db)
    await seed.agency("KCS", "Korea Customs Service")
    (tmp_path / "big.csv").write_bytes(big_csv(REPORTS))
    yield db, seed.operation_id
    await db.close()


async def test_the_bot_writes_between_the_imports_transactions_and_sees_none_of_it(
    live, tmp_path: Path, monkeypatch
) -> None:
    db, operation_id = live
    monkeypatch.setattr(bot.import_cli, "_FIRST_BATCH", 50)
    monkeypatch.setattr(bot.import_cli, "_WRITE_SECONDS", 0.0)  # keep every transaction small
    written, go_on = threading.Event(), threading.Event()
    real_write = imports.write

    async def pausing_write(*args: Any, **kwargs: Any) -> float:
        cpu = await real_write(*args, **kwargs)
        if not written.is_set():  # once, after a transaction of the import has committed
            written.set()
            go_on.wait(timeout=60)
        return cpu

    monkeypatch.setattr(imports, "write", pausing_write)
    out, err = io.StringIO(), io.StringIO()
    argv = [str(tmp_path / "big.csv"), "--operation", "SIREN", "--db", str(db.path), "--quiet"]
    importing = asyncio.ensure_future(asyncio.to_thread(import_main, argv, stdout=out, stderr=err))
    assert await asyncio.to_thread(written.wait, 60)

    # Mid-import: the live report is recorded at once; the import's rows are there but unseen.
    recorded = await live_report(db, operation_id, message_id=1)
    assert isinstance(recorded, Recorded) and not recorded.duplicate_update
    assert not importing.done()
    hidden = await db.fetchone("SELECT count(*) FROM seizure WHERE import_id IS NOT NULL")
    assert hidden is not None and hidden[0] > 1
    assert await visible_reports(db, operation_id) == 1
    totals = await substance_totals(db, operation_id=operation_id, dates=DateRange())
    assert [(t.substance_key, t.cases) for _, t in totals] == [("cocaine", 1)]
    assert [s.id for s in await recent_of(db, operation_id=operation_id, officer_id=7001)] == []
    agencies = await db.fetchall("SELECT code FROM agency ORDER BY code")
    assert [a["code"] for a in agencies] == ["JPC", "KCS"]  # added, not yet used by anything
    assert await shown_agencies(db, operation_id) == HIDDEN_AGENCY

    go_on.set()
    assert await importing == 0, err.getvalue()
    assert out.getvalue().startswith(f"Imported {REPORTS:,} reports ({2 * REPORTS:,} items)")
    # All at once, ids kept apart from the live report's, totals as the reports add up.
    assert await visible_reports(db, operation_id) == REPORTS + 1
    kept = await all_totals(db)
    assert len(kept) > 100
    await db.write(lambda conn: rebuild_totals(conn, operation_id))
    assert await all_totals(db) == kept
    shown = {"listed": ["JPC", "KCS"], "summary": ["JPC", "KCS"], "invitable": True}
    assert await shown_agencies(db, operation_id) == {**shown, "exported": (["JPC", "KCS"], 2)}
    live_id = recorded.seizure.id
    assert live_id == REPORTS + 1  # the import's ids were reserved before it wrote
    assert recorded.seizure.number == REPORTS + 1  # and its numbers: none shows its progress


@pytest.mark.slow  # a kill run: 30,000 rows written by a `python -m bot import` it kills
async def test_a_killed_import_leaves_nothing_visible_and_is_cleaned_up(
    live, tmp_path: Path
) -> None:
    db, operation_id = live
    (tmp_path / "big.csv").write_bytes(big_csv(30_000))
    command = [
        sys.executable, "-m", "bot", "import", str(tmp_path / "big.csv"), "--operation", "SIREN",
        "--db", str(db.path), "--quiet",
    ]  # fmt: skip
    process = await asyncio.create_subprocess_exec(
        *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        # Wait until it has written some of its reports (the event), then kill it mid-way.
        while True:
            row = await db.fetchone("SELECT count(*) FROM seizure WHERE import_id IS NOT NULL")
            assert row is not None
            if row[0] > 1000:
                break
            assert process.returncode is None, await process.communicate()
            await asyncio.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        await process.wait()
    unfinished = await db.fetchone("SELECT count(*) FROM import_batch WHERE finished_at IS NULL")
    assert unfinished is not None and unfinished[0] == 1  # killed before the end
    assert await visible_reports(db, operation_id) == 0
    assert await substance_totals(db, operation_id=operation_id, dates=DateRange()) == []
    assert isinstance(await live_report(db, operation_id, message_id=1), Recorded)
    # Its new agency is there but unseen: not listed, not in a summary, not to be invited to.
    assert [r["code"] for r in await db.fetchall("SELECT code FROM agency ORDER BY code")] == [
        "JPC",
        "KCS",
    ]
    assert await shown_agencies(db, operation_id) == HIDDEN_AGENCY
    with pytest.raises(UnknownAgency):
        await report_page(db, operation_id=operation_id, listing=ListingFilter(agency_code="JPC"))

    # What the bot does when it starts: the killed import's rows and agency go.
    assert await import_removal.clean_up(db) > 1000
    for sql, expected in (
        ("SELECT count(*) FROM seizure", 1),
        ("SELECT count(*) FROM seizure_item", 1),
        ("SELECT count(*) FROM import_batch", 0),
        ("SELECT group_concat(code) FROM agency", "KCS"),
    ):
        row = await db.fetchone(sql)
        assert row is not None and row[0] == expected, sql
    assert await visible_reports(db, operation_id) == 1


async def test_an_import_that_fails_midway_takes_its_rows_away(
    live, tmp_path: Path, monkeypatch
) -> None:
    db, _ = live
    monkeypatch.setattr(bot.import_cli, "_FIRST_BATCH", 50)
    monkeypatch.setattr(bot.import_cli, "_WRITE_SECONDS", 0.0)
    calls = 0
    real_write = imports.write

    async def failing_write(*args: Any, **kwargs: Any) -> float:
        nonlocal calls
        calls += 1
        if calls == 5:
            raise bot.import_checks._Failed(["disk full (simulated)"])
        return await real_write(*args, **kwargs)

    monkeypatch.setattr(imports, "write", failing_write)
    out, err = io.StringIO(), io.StringIO()
    argv = [str(tmp_path / "big.csv"), "--operation", "SIREN", "--db", str(db.path), "--quiet"]
    assert await asyncio.to_thread(import_main, argv, stdout=out, stderr=err) == 1
    assert err.getvalue() == "disk full (simulated)\nNothing was imported.\n"
    for table in ("seizure", "seizure_item", "seizure_total", "import_batch"):
        row = await db.fetchone(f"SELECT count(*) FROM {table}")
        assert row is not None and row[0] == 0, table
    assert [r["code"] for r in await db.fetchall("SELECT code FROM agency")] == ["KCS"]


_LIVE_AND_IMPORTED = (
    "SELECT count(*) FILTER (WHERE import_id IS NULL),"
    " count(*) FILTER (WHERE import_id IS NOT NULL) FROM seizure"
)


async def _import_with_a_live_report(
    db: Database,
    operation_id: int,
    tmp_path: Path,
    monkeypatch: Any,
    *,
    hold_at: int,
    step: str = "insert_imported",
    count: str = _LIVE_AND_IMPORTED,
) -> list[tuple[int, int]]:
    """Import big.csv; its hold_at-th `step` holds the lock until a live report comes to wait.

    Returns the two figures of `count` (by default: live and imported reports committed) as
    each of the import's steps began.
    """
    inside, go_on, waiting = threading.Event(), threading.Event(), threading.Event()
    seen: list[tuple[int, int]] = []
    real_step = getattr(imports, step)

    def holding_step(conn: Any, *args: Any, **kwargs: Any) -> Any:
        row = conn.execute(count).fetchone()
        seen.append((row[0], row[1]))
        done = real_step(conn, *args, **kwargs)
        if len(seen) == hold_at:
            inside.set()
            go_on.wait(timeout=60)
        return done

    real_lock = storage.write_turns.WriteTurns._lock

    def lock(turns: Any, operation: int) -> bool:
        held = real_lock(turns, operation)
        if inside.is_set() and operation == fcntl.LOCK_SH:
            waiting.set()  # the live writer has said it waits; it is about to
        return held

    monkeypatch.setattr(imports, step, holding_step)
    monkeypatch.setattr(storage.write_turns.WriteTurns, "_lock", lock)
    out, err = io.StringIO(), io.StringIO()
    argv = [str(tmp_path / "big.csv"), "--operation", "SIREN", "--db", str(db.path), "--quiet"]
    importing = asyncio.ensure_future(asyncio.to_thread(import_main, argv, stdout=out, stderr=err))
    assert await asyncio.to_thread(inside.wait, 60)
    recording = asyncio.ensure_future(live_report(db, operation_id, message_id=1))
    assert await asyncio.to_thread(waiting.wait, 60)
    go_on.set()
    assert isinstance(await recording, Recorded)
    assert await importing == 0, err.getvalue()
    assert await visible_reports(db, operation_id) == REPORTS + 1
    return seen


async def test_a_live_write_waiting_for_the_lock_goes_before_the_imports_next_transaction(
    live, tmp_path: Path, monkeypatch
) -> None:
    # The import writes back to back, with no pause: a live report that finds the lock taken
    # must still get through, right after the import's transaction that holds it.
    db, operation_id = live
    monkeypatch.setattr(bot.import_cli, "_FIRST_BATCH", 50)
    monkeypatch.setattr(bot.import_cli, "_WRITE_SECONDS", 0.0)
    # The third of its transactions holds the lock until the live report waits.
    seen = await _import_with_a_live_report(db, operation_id, tmp_path, monkeypatch, hold_at=3)
    live_seen = [live for live, _ in seen]
    assert live_seen[:3] == [0, 0, 0]
    assert live_seen[3] == 1  # the very next transaction came after the live report
    assert len(live_seen) > 10  # and the import went on writing after it


async def test_an_import_transaction_ends_early_when_a_live_writer_comes_to_wait(
    live, tmp_path: Path, monkeypatch
) -> None:
    # bench/stall.py at load 6.5: a transaction sized at 25 ms of CPU held the lock 400-800 ms
    # of wall time, and a report waited for all of it. A writer that comes to wait while the
    # import writes is let in after the slice under way, not after the whole chunk.
    db, operation_id = live
    monkeypatch.setattr(bot.import_cli, "_FIRST_BATCH", 1000)
    monkeypatch.setattr(imports, "_SLICE", 50)
    # The first slice after `begin`'s report holds on until the live report waits.
    seen = await _import_with_a_live_report(db, operation_id, tmp_path, monkeypatch, hold_at=2)
    # The next slice was written after the live report, with one slice (and `begin`'s) before.
    assert seen[1] == (0, 1)
    assert seen[2] == (1, 51)


@pytest.mark.parametrize("step", ["stage_some", "merge_some"])
async def test_a_live_writer_gets_in_within_one_slice_of_the_imports_totals(
    live, tmp_path: Path, monkeypatch, step: str
) -> None:
    # The totals' staging and merging ran in transactions sized by CPU alone: a report waited
    # for the whole chunk. Now, as the reports' writes, they end after the slice under way.
    db, operation_id = live
    monkeypatch.setattr(imports, "TOTALS_CHUNK", 1_000_000)  # all of it in one transaction
    monkeypatch.setattr(imports, "_TOTALS_SLICE", 20, raising=False)
    # (live reports, staged rows) at each step; the first holds on until the live writer waits.
    staged_sql = (
        "SELECT (SELECT count(*) FROM seizure WHERE import_id IS NULL),"
        " (SELECT count(*) FROM import_total) + (SELECT count(*) FROM import_dim_total)"
    )
    seen = await _import_with_a_live_report(
        db, operation_id, tmp_path, monkeypatch, hold_at=1, step=step, count=staged_sql
    )
    # The live report came in after one slice of 20 rows, with the rest still to move.
    live_count, staged = seen[1]
    assert live_count == 1
    assert staged == (20 if step == "stage_some" else seen[0][1] - 20)
    assert len(seen) > 5  # there was much more than one slice to move
    assert await visible_reports(db, operation_id) == REPORTS + 1
    assert await all_totals(db) == await _rebuilt_totals(db, operation_id)


async def _rebuilt_totals(db: Database, operation_id: int) -> list[tuple[Any, ...]]:
    """The running totals as counted afresh from the reports."""
    await db.write(lambda conn: rebuild_totals(conn, operation_id))
    return await all_totals(db)


class _Release(logging.Handler):
    """Sets an event when the live writer says it found the database busy and waits."""

    def __init__(self, event: threading.Event):
        super().__init__()
        self.event = event

    def emit(self, record: logging.LogRecord) -> None:
        if "busy" in record.getMessage():
            self.event.set()


async def test_a_live_report_waits_out_an_import_step_longer_than_the_busy_timeout(
    live, tmp_path: Path, monkeypatch
) -> None:
    # The stall bench's fault: the import's last transaction held the lock past the bot's busy
    # timeout (10 s; 50 ms here) and the officer's report failed. It must wait its turn instead.
    db, operation_id = live
    await db.prepare(lambda conn: conn.execute("PRAGMA busy_timeout = 50"))
    inside, release = threading.Event(), threading.Event()
    real_audit = imports.audit

    class Gated:
        @staticmethod
        def add(conn: Any, **kwargs: Any) -> None:
            real_audit.add(conn, **kwargs)
            inside.set()  # the import's final step holds the write lock until released
            release.wait(timeout=60)

    monkeypatch.setattr(imports, "audit", Gated)
    handler = _Release(release)
    logging.getLogger("storage.transactions").addHandler(handler)
    try:
        out, err = io.StringIO(), io.StringIO()
        argv = [str(tmp_path / "big.csv"), "--operation", "SIREN", "--db", str(db.path), "--quiet"]
        importing = asyncio.ensure_future(
            asyncio.to_thread(import_main, argv, stdout=out, stderr=err)
        )
        assert await asyncio.to_thread(inside.wait, 60)
        recording = asyncio.ensure_future(live_report(db, operation_id, message_id=1))
        recording.add_done_callback(lambda _: release.set())  # a fault ends the wait too
        recorded = await recording
    finally:
        release.set()
        logging.getLogger("storage.transactions").removeHandler(handler)
    assert isinstance(recorded, Recorded) and not recorded.duplicate_update
    assert await importing == 0, err.getvalue()
    assert await visible_reports(db, operation_id) == REPORTS + 1


# The summaries read from the running totals (the other breakdowns read the reports).
TOTALLED = (
    None,
    *(d for d in Dimension if d.value in ("agency", "day", "location", "transport", "officer")),
)


async def every_summary(db: Database, operation_id: int) -> list[Any]:
    """What /summary would show: the whole operation and each breakdown."""
    shown = []
    for dimension in TOTALLED:
        totals = await substance_totals(
            db, operation_id=operation_id, dates=DateRange(), dimension=dimension
        )
        shown.append(sorted((g, t.substance_key, t.amount, t.cases) for g, t in totals))
    return shown


async def _imported_unmerged(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[Database], Awaitable[None]]:
    """big.csv imported in chunks of 40 totals rows, shown but not merged (as if killed as soon
    as it was shown); returns the real merge, for what the bot's start or the next import does."""
    monkeypatch.setattr(imports, "TOTALS_CHUNK", 40)
    real_merge_left = imports.merge_left

    async def no_merge(db: Database) -> None:
        return None

    monkeypatch.setattr(imports, "merge_left", no_merge)
    out, err = io.StringIO(), io.StringIO()
    argv = [str(tmp_path / "big.csv"), "--operation", "SIREN", "--db", str(db.path), "--quiet"]
    assert await asyncio.to_thread(import_main, argv, stdout=out, stderr=err) == 0, err.getvalue()
    return real_merge_left


async def test_a_finished_imports_totals_show_whole_while_they_move_a_chunk_at_a_time(
    live, tmp_path: Path, monkeypatch
) -> None:
    # The import's last step is a few rows, whatever its size: its totals wait apart until
    # then, count from that moment, and move into the running totals in short transactions.
    db, operation_id = live
    real_merge_left = await _imported_unmerged(db, tmp_path, monkeypatch)

    staged = await db.fetchone("SELECT count(*) FROM import_dim_total")
    assert staged is not None and staged[0] > 100  # nothing merged yet
    assert await visible_reports(db, operation_id) == REPORTS
    shown = await every_summary(db, operation_id)
    whole = shown[0]
    # Reports 1..3000, a tenth voided: each counted once with its items, as shown at once.
    counted = [n for n in range(1, REPORTS + 1) if n % 10]
    assert whole == [
        ("", "mdma", Decimal(sum(counted)), len(counted)),
        ("", "methamphetamine", Decimal(sum(counted)), len(counted)),
    ]

    assert await reported_days(db, operation_id=operation_id) == DateRange(
        date(2025, 3, 1), date(2025, 3, 28)
    )
    assert await has_substance(db, operation_id=operation_id, key="mdma")
    statuses = await agency_statuses(db, operation_id=operation_id, dates=DateRange())
    assert {s.code for s in statuses if s.reported} == {"KCS", "JPC"}

    await db.write(partial(merge_some, import_id=1, limit=40))  # one chunk moved, the rest not
    assert await every_summary(db, operation_id) == shown
    # A report voided while its totals wait apart takes them out all the same.
    operation = await get_operation(db, operation_id=operation_id)
    assert operation is not None
    one = await db.fetchone(
        "SELECT s.id, i.amount FROM seizure s JOIN seizure_item i ON i.seizure_id = s.id"
        " WHERE s.voided_at IS NULL AND i.unit = 'g' ORDER BY s.id DESC LIMIT 1"
    )
    assert one is not None
    await void_seizure(
        db, operation=operation, seizure_id=one["id"], update_id=None, actor_id=1,
        may_void_any=True, reason="typo", now=NOW,
    )  # fmt: skip
    after_void = await every_summary(db, operation_id)
    assert after_void[0] == [
        ("", "mdma", sum(counted) - Decimal(one["amount"]), len(counted) - 1),
        ("", "methamphetamine", sum(counted) - Decimal(one["amount"]), len(counted) - 1),
    ]

    await real_merge_left(db)  # what the bot's start, or the next import, does
    assert (await db.fetchone("SELECT count(*) FROM import_dim_total"))[0] == 0
    assert (await db.fetchone("SELECT count(*) FROM import_total"))[0] == 0
    assert await every_summary(db, operation_id) == after_void
    kept = await all_totals(db)
    await db.write(lambda conn: rebuild_totals(conn, operation_id))
    assert await all_totals(db) == kept


def expected_cases(reports: int) -> dict[Dimension | None, dict[str, int]]:
    """Each breakdown's counted reports in big_csv, read from the reports themselves."""
    counted = [n for n in range(1, reports + 1) if n % 10]
    by: dict[Dimension | None, dict[str, int]] = {d: {} for d in CASE_DIMENSIONS}
    for n in counted:
        for dimension, value in (
            (None, ""),
            (Dimension.LOCATION, "ICN" if n % 3 else "PUS"),
            (Dimension.TRANSPORT, ""),
            (Dimension.OFFICER, str(7000 + n % 7)),
            (Dimension.DAY, f"2025-03-{1 + n % 28:02d}"),
        ):
            by[dimension][value] = by[dimension].get(value, 0) + 1
    return by


CASE_DIMENSIONS = (
    None,
    Dimension.LOCATION,
    Dimension.TRANSPORT,
    Dimension.OFFICER,
    Dimension.DAY,
)


async def every_case_count(db: Database, operation_id: int) -> dict[Dimension | None, Any]:
    """The "· N cases" of /summary and of each breakdown (by day: /reports' counts)."""
    scope = Scope(operation_id=operation_id, dates=DateRange())
    return {d: await case_counts(db, scope=scope, dimension=d) for d in CASE_DIMENSIONS}


async def test_a_breakdowns_case_counts_are_exact_while_an_imports_totals_wait_and_after(
    live, tmp_path: Path, monkeypatch
) -> None:
    # Two substances a report: a breakdown counts the report once (0018's `reports`), on its
    # first substance's row, whether that row is staged apart or merged into the running totals.
    db, operation_id = live
    real_merge_left = await _imported_unmerged(db, tmp_path, monkeypatch)
    expected = expected_cases(REPORTS)
    assert expected[Dimension.LOCATION] == {"ICN": 1800, "PUS": 900}

    assert (await db.fetchone("SELECT count(*) FROM import_dim_total"))[0] > 100
    assert await every_case_count(db, operation_id) == expected
    await db.write(partial(merge_some, import_id=1, limit=40))  # one chunk moved, the rest not
    assert await every_case_count(db, operation_id) == expected

    await real_merge_left(db)
    assert (await db.fetchone("SELECT count(*) FROM import_dim_total"))[0] == 0
    assert await every_case_count(db, operation_id) == expected
    kept = await all_totals(db)
    await db.write(lambda conn: rebuild_totals(conn, operation_id))
    assert await all_totals(db) == kept


async def test_totals_staged_by_a_killed_import_are_removed_with_it(
    live, tmp_path: Path, monkeypatch
) -> None:
    db, operation_id = live
    monkeypatch.setattr(imports, "TOTALS_CHUNK", 40)
    real_finish = imports.finish

    async def killed(*args: Any, **kwargs: Any) -> None:
        raise bot.import_checks._Failed(["killed (simulated)"])

    monkeypatch.setattr(imports, "finish", killed)
    out, err = io.StringIO(), io.StringIO()
    argv = [str(tmp_path / "big.csv"), "--operation", "SIREN", "--db", str(db.path), "--quiet"]
    assert await asyncio.to_thread(import_main, argv, stdout=out, stderr=err) == 1
    assert real_finish is not None
    for table in ("seizure", "import_total", "import_dim_total", "seizure_total", "import_batch"):
        row = await db.fetchone(f"SELECT count(*) FROM {table}")
        assert row is not None and row[0] == 0, table
    assert await every_summary(db, operation_id) == [[] for _ in TOTALLED]
