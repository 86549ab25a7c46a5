"""`python -m bot import` beside the running bot: imported reports never pass for live ones, and
an operation's export imports back exactly."""

from __future__ import annotations

import asyncio
import csv
import io
import sqlite3
from pathlib import Path

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER
from bot.import_cli import main as import_main
from bot.render.export import COLUMNS
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness


async def run_import(h: Harness, path: Path, code: str) -> tuple[int, str, str]:
    """The import command, in a process of its own as on the server (here a thread)."""
    out, err = io.StringIO(), io.StringIO()
    argv = [str(path), "--operation", code, "--db", str(h.db_path), "--quiet"]
    status = await asyncio.to_thread(import_main, argv, stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def tundra_csv(officer_id: int, chat_id: int, messages: range) -> bytes:
    """Another operation's reports, sent in this officer's private chat with another bot."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for n in messages:
        row = dict.fromkeys(COLUMNS, "")
        row.update(
            report_id=str(n), agency="KCS", agency_name="Korea Customs Service",
            agency_tz="Asia/Seoul", officer_id=str(officer_id), officer_name="Park Ji-woo",
            reported_at_utc="2025-03-01T01:00:00+00:00", day="2025-03-01",
            reference="TND-5529", text="/seizure 8.765 kg heroin ref TND-5529",
            chat_id=str(chat_id), message_id=str(n), update_id=str(900000 + n), item="1",
            substance="heroin", amount="8765", unit="g", as_written="8.765 kg heroin",
        )  # fmt: skip
        writer.writerow([row[c] for c in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


async def test_an_imported_report_never_answers_for_a_live_message(
    siren: Harness, tmp_path: Path
) -> None:
    await siren.talk.say(ADMIN, '/operation new TUNDRA "Operation Tundra" Asia/Seoul')
    private = FakeChat.private(KCS_OFFICER)
    # The same officer and private chat, message ids 1-300: whatever id the next message gets,
    # an imported report of another operation holds it.
    (tmp_path / "tundra.csv").write_bytes(tundra_csv(KCS_OFFICER.id, private.id, range(1, 301)))
    assert (await run_import(siren, tmp_path / "tundra.csv", "TUNDRA"))[0::2] == (0, "")

    cursor = siren.api.cursor(private)
    sent = siren.api.send_text(KCS_OFFICER, private, "/seizure 2kg meth at ICN")
    reply = await cursor.next()
    assert sent["message_id"] <= 300
    assert reply["text"].startswith("✅ Recorded report SIREN #1 for KCS:")
    assert "2 kg methamphetamine" in reply["text"] and "heroin" not in reply["text"]

    # Imported into this very operation, for this officer: still not a live report.
    assert (await run_import(siren, tmp_path / "tundra.csv", "SIREN"))[0::2] == (0, "")
    sent = siren.api.send_text(KCS_OFFICER, private, "/seizure 1kg cocaine")
    second = await cursor.next()
    assert second["text"].startswith("✅ Recorded report SIREN #302 for KCS:")
    assert "1 kg cocaine" in second["text"]
    live = await siren.rows(
        "SELECT s.id, s.operation_id, i.substance, i.amount FROM seizure s"
        " JOIN seizure_item i ON i.seizure_id = s.id WHERE s.import_id IS NULL ORDER BY s.id"
    )
    assert live == [
        {"id": 301, "operation_id": 1, "substance": "methamphetamine", "amount": "2000"},
        {"id": 602, "operation_id": 1, "substance": "cocaine", "amount": "1000"},
    ]
    # Its edit corrects the live report, not an imported one with the same message id.
    mark = siren.api.mark()
    siren.api.edit_text(KCS_OFFICER, private, sent["message_id"], "/seizure 3kg cocaine")
    edited = await siren.api.wait_for_edit(private, message_id=second["message_id"], after=mark)
    assert edited["text"].startswith("✏️ Corrected report SIREN #302 for KCS:")
    heroin = await siren.rows("SELECT count(*) AS n FROM seizure WHERE reference = 'TND-5529'")
    assert heroin == [{"n": 600}]
    assert await siren.rows("SELECT amount FROM seizure_item WHERE seizure_id = 602") == [
        {"amount": "3000"}
    ]


async def _export_csv(h: Harness, user_chat: FakeChat) -> bytes:
    mark = h.api.mark()
    h.api.send_text(COORDINATOR, user_chat, "/export csv")
    await h.api.wait_for(lambda c: c.method == "sendDocument" and c.delivered, after=mark)
    call = next(c for c in reversed(h.api.calls) if c.method == "sendDocument")
    return next(iter(call.files.values())).content


_FIELDS = (
    "officer_id, reported_at, day, occurred_on, location, origin, destination, transport,"
    " concealment, detection, reference, tags, note, text, chat_id, message_id, update_id,"
    " edited_at, voided_at, voided_by, void_reason, reply_chat_id, reply_message_id, number"
)


async def _stored(h: Harness, operation_id: int) -> list[dict[str, object]]:
    """Every field of every report and item of an operation, agencies by code, in id order."""
    reports = await h.rows(
        f"SELECT s.id, a.code AS agency, {_FIELDS} FROM seizure s"
        " LEFT JOIN agency a ON a.id = s.agency_id WHERE s.operation_id = ? ORDER BY s.id",
        (operation_id,),
    )
    for report in reports:
        items = await h.rows(
            "SELECT position, substance, substance_text, amount, amount_nano, unit, form,"
            " as_written FROM seizure_item WHERE seizure_id = ? ORDER BY position",
            (report.pop("id"),),
        )
        report["items"] = items
    return reports


async def _totals(h: Harness, operation_id: int) -> list[dict[str, object]]:
    return await h.rows(
        "SELECT t.dim, t.dim_value, t.grain, t.period, coalesce(a.code, '') AS agency,"
        " t.substance_key, t.unit, t.form, t.amount_nano, t.cases, t.reports FROM"
        # Columns named, not '*': a union pairs columns by position, and the two tables'
        # keys are in different orders (with '*' the breakdowns' rows never matched).
        " (SELECT operation_id, '' AS dim, '' AS dim_value, grain, period, substance_key, unit,"
        " form, agency_id, amount_nano, cases, 0 AS reports FROM seizure_total UNION ALL"
        " SELECT operation_id, dim, dim_value, grain, period, substance_key, unit, form,"
        " agency_id, amount_nano, cases, reports FROM seizure_dim_total) t"
        " LEFT JOIN agency a ON a.id = t.agency_id WHERE t.operation_id = ?"
        " ORDER BY t.dim, t.dim_value, t.grain, t.period, agency, t.substance_key, t.unit, t.form",
        (operation_id,),
    )


async def test_a_live_operation_exports_and_imports_back_exactly(
    siren: Harness, tmp_path: Path
) -> None:
    say = siren.talk.say
    await say(KCS_OFFICER, "/seizure 22kg meth + 479 ecstasy pills at ICN via air cargo", GROUP)
    await say(TCD_OFFICER, "/seizure 3.5 l GBL @BKK from NL #post", GROUP)
    await say(TCD_OFFICER, '/seizure 2kg "zombie dust" @BKK', GROUP)
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/seizure 1kg cocaine + 2kg heroin at PUS")
    reply = await cursor.next()
    mark = siren.api.mark()
    siren.api.edit_text(KCS_OFFICER, GROUP, sent["message_id"], "/seizure 1.5kg cocaine at PUS")
    await siren.api.wait_for_edit(GROUP, message_id=reply["message_id"], after=mark)
    await say(KCS_OFFICER, "/seizure 5kg ketamine at ICN", GROUP)
    await say(COORDINATOR, "/void 5 entered by mistake", GROUP)
    assert len(await siren.rows("SELECT * FROM seizure WHERE edited_at IS NOT NULL")) == 1
    assert len(await siren.rows("SELECT * FROM seizure WHERE voided_at IS NOT NULL")) == 1

    exported = await _export_csv(siren, FakeChat.private(COORDINATOR))
    rows = list(csv.DictReader(io.StringIO(exported.decode("utf-8-sig"), newline="")))
    assert [(r["report_id"], r["item"]) for r in rows] == [
        ("1", "1"), ("1", "2"), ("2", "1"), ("3", "1"), ("4", "1"), ("5", "1"),
    ]  # fmt: skip
    assert [r["number"] for r in rows] == ["1", "1", "2", "3", "4", "5"]
    # Appended: older readers keep their columns.
    assert list(rows[0])[-2:] == ["number", "place"]
    (tmp_path / "siren.csv").write_bytes(exported)
    await say(ADMIN, '/operation new COPY "Copy of Siren" Asia/Seoul')
    status, out, err = await run_import(siren, tmp_path / "siren.csv", "COPY")
    assert (status, err) == (0, "")
    assert out.startswith("Imported 5 reports (6 items) into COPY")

    copy_id = (await siren.rows("SELECT id FROM operation WHERE code = 'COPY'"))[0]["id"]
    original = await _stored(siren, 1)
    for report in original:  # SIREN's acknowledgements stay SIREN's: the copy has none
        report.update(reply_chat_id=None, reply_message_id=None)
    assert await _stored(siren, copy_id) == original
    assert await _totals(siren, copy_id) == await _totals(siren, 1)
    assert len(await _totals(siren, 1)) > 0


async def test_adding_an_agency_an_import_in_progress_adds_says_so(siren: Harness) -> None:
    def importing_newa(conn: sqlite3.Connection) -> None:
        # What `python -m bot import` has written, not yet finished: NEWA is added, unseen.
        op = conn.execute("SELECT id FROM operation WHERE code = 'SIREN'").fetchone()[0]
        agency = conn.execute(
            "INSERT INTO agency (operation_id, code, name, tz)"
            " VALUES (?, 'NEWA', 'New Agency', 'Asia/Seoul')",
            (op,),
        ).lastrowid
        conn.execute(
            "INSERT INTO import_batch (operation_id, started_at, agencies) VALUES (?, ?, ?)",
            (op, "2026-03-01T00:00:00+00:00", f"[{agency}]"),
        )

    await siren.db.write(importing_newa)
    operation = await siren.talk.text(ADMIN, "/operation")
    assert "NEWA" not in operation
    # Before: "NEWA is already an agency of this operation", which /operation does not show.
    assert await siren.talk.text(ADMIN, '/agency add NEWA "New Agency" Asia/Seoul') == (
        "An import still running is adding NEWA; it will appear when the import finishes."
    )
    assert await siren.talk.text(ADMIN, '/agency add KCS "Korea Customs" Asia/Seoul') == (
        "KCS is already an agency of this operation."
    )
