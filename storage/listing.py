"""/reports and /show: one page of an operation's reports, and one report with its history."""

from __future__ import annotations

import json
import sqlite3
from functools import partial

from bot.domain.clock import from_utc_text
from bot.domain.listing import (
    PAGE_SIZE,
    HistoryEntry,
    ListedReport,
    ListingFilter,
    MediaRef,
    Person,
    ReportDetail,
    ReportPage,
)
from bot.domain.stored import StoredItem
from bot.domain.units import normalise_words
from storage.database import Database
from storage.pending import agency_visible, visible
from storage.places import places_of
from storage.seizure_rows import _build, stored_item


class UnknownAgency(LookupError):
    """The listing names an agency the operation does not have; `codes` are the ones it has."""

    def __init__(self, code: str, codes: list[str]) -> None:
        super().__init__(code)
        self.code = code
        self.codes = codes


def _where(
    conn: sqlite3.Connection, operation_id: int, listing: ListingFilter
) -> tuple[str, list[object]]:
    """SQL conditions on seizure AS s (and their parameters) for a listing's filter."""
    sql = [f"s.operation_id = ? AND {visible('s')}"]
    params: list[object] = [operation_id]
    if listing.dates.first is not None or listing.dates.last is not None:
        sql.append("s.day BETWEEN ? AND ?")
        params += listing.dates.bounds()
    if listing.agency_code is not None:
        rows = conn.execute(
            "SELECT id, code FROM agency WHERE operation_id = ?"
            f" AND {agency_visible()} ORDER BY code",
            (operation_id,),
        ).fetchall()
        found = [int(r[0]) for r in rows if str(r[1]).upper() == listing.agency_code.upper()]
        if not found:
            raise UnknownAgency(listing.agency_code, [str(r[1]) for r in rows])
        sql.append("s.agency_id = ?")
        params.append(found[0])
    if listing.substance is not None:
        if listing.substance.unclassified:
            # The words as typed are many spellings of one key: read them, match them here.
            words = listing.substance.key[1:]
            texts = [
                str(r[0])
                for r in conn.execute(
                    "SELECT DISTINCT i.substance_text FROM seizure_item AS i"
                    " JOIN seizure AS s ON s.id = i.seizure_id"
                    " WHERE i.substance IS NULL AND s.operation_id = ?",
                    (operation_id,),
                )
                if r[0] is not None and normalise_words(str(r[0])) == words
            ]
            marks = ", ".join("?" * len(texts)) or "NULL"
            sql.append(
                "EXISTS (SELECT 1 FROM seizure_item AS i WHERE i.seizure_id = s.id"
                f" AND i.substance IS NULL AND i.substance_text IN ({marks}))"
            )
            params += texts
        else:
            sql.append(
                "EXISTS (SELECT 1 FROM seizure_item AS i WHERE i.seizure_id = s.id"
                " AND i.substance = ?)"
            )
            params.append(listing.substance.key)
    if "voided" in listing.flags:
        sql.append("s.voided_at IS NOT NULL")
    if "corrected" in listing.flags:
        sql.append("s.edited_at IS NOT NULL")
    if "provisional" in listing.flags:
        sql.append(
            "EXISTS (SELECT 1 FROM seizure_item AS i WHERE i.seizure_id = s.id"
            " AND i.provisional = 1)"
        )
    return " AND ".join(sql), params


_LINE = (
    "SELECT s.id, s.number, s.day, s.location, s.voided_at, s.edited_at, a.code AS agency"
    " FROM seizure AS s LEFT JOIN agency AS a ON a.id = s.agency_id WHERE "
)


# Newest seizure date first, then the newest report number: the order the heading states.
_NEWEST = " ORDER BY s.day DESC, s.number DESC LIMIT ?"
_OLDEST = " ORDER BY s.day ASC, s.number ASC LIMIT ?"
_AFTER = " AND (s.day > ? OR (s.day = ? AND s.number > ?))"
_BEFORE = " AND (s.day < ? OR (s.day = ? AND s.number < ?))"


def _edge(conn: sqlite3.Connection, operation_id: int, number: int | None) -> str | None:
    """The seizure date of the report a page button starts from (None: no such report)."""
    if number is None:
        return None
    row = conn.execute(
        "SELECT day FROM seizure WHERE operation_id = ? AND number = ?", (operation_id, number)
    ).fetchone()
    return None if row is None else str(row[0])


def _page(
    conn: sqlite3.Connection,
    operation_id: int,
    listing: ListingFilter,
    older_than: int | None,
    newer_than: int | None,
) -> ReportPage:
    where, params = _where(conn, operation_id, listing)
    rows: list[sqlite3.Row] = []
    # A button carries a report number only; the date it is ordered by is read here, so the
    # button stays as short (and as checked) as before.
    day = _edge(conn, operation_id, newer_than)
    if newer_than is not None and day is not None:
        rows = conn.execute(
            _LINE + where + _AFTER + _OLDEST, (*params, day, day, newer_than, PAGE_SIZE)
        ).fetchall()[::-1]
        if len(rows) < PAGE_SIZE:  # reports came since: the newest page is the one before
            rows = []
    if not rows:
        day = _edge(conn, operation_id, older_than)
        if older_than is not None and day is not None:
            bound, bound_params = _BEFORE, [day, day, older_than]
        else:
            bound, bound_params = "", []
        rows = conn.execute(
            _LINE + where + bound + _NEWEST, (*params, *bound_params, PAGE_SIZE)
        ).fetchall()
    (total,) = conn.execute(f"SELECT count(*) FROM seizure AS s WHERE {where}", params).fetchone()
    if not rows:
        return ReportPage((), int(total), 0, 0)
    first, first_day = int(rows[0]["number"]), str(rows[0]["day"])
    (newer,) = conn.execute(
        f"SELECT count(*) FROM seizure AS s WHERE {where}" + _AFTER,
        (*params, first_day, first_day, first),
    ).fetchone()
    ids = [int(r["id"]) for r in rows]
    items: dict[int, list[StoredItem]] = {i: [] for i in ids}
    for r in conn.execute(
        f"SELECT * FROM seizure_item WHERE seizure_id IN ({', '.join('?' * len(ids))})"
        " ORDER BY seizure_id, position",
        ids,
    ):
        items[int(r["seizure_id"])].append(stored_item(r))
    places = places_of(conn, operation_id)  # each place as the breakdowns and the pack name it
    listed = tuple(
        ListedReport(
            number=int(r["number"]),
            day=str(r["day"]),
            agency_code=r["agency"],
            items=tuple(items[int(r["id"])]),
            location=places.shown(r["location"]),
            voided=r["voided_at"] is not None,
            corrected=r["edited_at"] is not None,
        )
        for r in rows
    )
    older = int(total) - int(newer) - len(rows)
    return ReportPage(listed, int(total), int(newer), max(0, older))


async def report_page(
    db: Database,
    *,
    operation_id: int,
    listing: ListingFilter,
    older_than: int | None = None,
    newer_than: int | None = None,
) -> ReportPage:
    """A page of the operation's reports, newest first: the newest, or those beside a number.

    UnknownAgency if the filter names an agency the operation does not have.
    """
    return await db.read(
        partial(
            _page,
            operation_id=operation_id,
            listing=listing,
            older_than=older_than,
            newer_than=newer_than,
        )
    )


# -- one report -------------------------------------------------------------------------------


def _people(conn: sqlite3.Connection, ids: set[int]) -> dict[int, Person]:
    if not ids:
        return {}
    rows = conn.execute(
        f"SELECT user_id, full_name, username FROM person WHERE user_id IN"
        f" ({', '.join('?' * len(ids))})",
        sorted(ids),
    ).fetchall()
    return {int(r[0]): Person(int(r[0]), str(r[1] or ""), r[2]) for r in rows}


_ACTIONS = {
    "seizure.report": "report",
    "seizure.correct": "correct",
    "seizure.void": "void",
    "seizure.restore": "restore",
    "seizure.media": "media",
    "seizure.location": "location",
}


def _detail(conn: sqlite3.Connection, operation_id: int, number: int) -> ReportDetail | None:
    row = conn.execute(
        "SELECT s.*, a.code AS agency_code, a.name AS agency_name, a.tz AS agency_tz,"
        " b.finished_at AS imported_at"
        " FROM seizure AS s LEFT JOIN agency AS a ON a.id = s.agency_id"
        " LEFT JOIN import_batch AS b ON b.id = s.import_id"
        f" WHERE s.operation_id = ? AND s.number = ? AND {visible('s')}",
        (operation_id, number),
    ).fetchone()
    if row is None:
        return None
    seizure_id = int(row["id"])
    item_rows = conn.execute(
        "SELECT * FROM seizure_item WHERE seizure_id = ? ORDER BY position", (seizure_id,)
    ).fetchall()
    stored = _build(row, item_rows)
    audit = conn.execute(
        "SELECT at, actor_id, action, detail FROM audit_log WHERE operation_id = ?"
        " AND action LIKE 'seizure.%' AND json_extract(detail, '$.seizure_id') = ?"
        " ORDER BY id",
        (operation_id, seizure_id),
    ).fetchall()
    media = conn.execute(
        "SELECT id, kind, file_id, file_name, kept, added_at, added_by FROM seizure_media"
        " WHERE seizure_id = ? ORDER BY id",
        (seizure_id,),
    ).fetchall()
    ids = {int(row["officer_id"])}
    ids |= {int(r["actor_id"]) for r in audit if r["actor_id"] is not None}
    ids |= {int(r["added_by"]) for r in media}
    if row["voided_by"] is not None:
        ids.add(int(row["voided_by"]))
    people = _people(conn, ids)
    history: list[HistoryEntry] = []
    if row["import_id"] is not None:
        at = row["imported_at"] or row["reported_at"]
        history.append(HistoryEntry(from_utc_text(at), None, "import"))
    for r in audit:
        detail = json.loads(r["detail"])
        history.append(
            HistoryEntry(
                at=from_utc_text(r["at"]),
                actor=people.get(r["actor_id"]) if r["actor_id"] is not None else None,
                action=_ACTIONS.get(str(r["action"]), str(r["action"])),
                text=detail.get("text"),
                old_text=detail.get("old_text"),
                reason=detail.get("reason"),
                kind=detail.get("kind"),
            )
        )
    report = stored.report
    return ReportDetail(
        id=seizure_id,
        number=stored.number,
        officer=people.get(stored.officer_id),
        officer_id=stored.officer_id,
        agency_code=row["agency_code"],
        agency_name=row["agency_name"],
        agency_tz=row["agency_tz"],
        text=stored.text,
        reported_at=stored.reported_at,
        day=stored.day,
        items=stored.items,
        location=places_of(conn, operation_id).shown(report.location),
        origin=report.origin,
        destination=report.destination,
        transport=report.transport,
        concealment=report.concealment,
        detection=report.detection,
        reference=report.reference,
        occurred_on=report.occurred_on.isoformat() if report.occurred_on else None,
        tags=report.tags,
        note=report.note,
        latitude=row["latitude"],
        longitude=row["longitude"],
        imported=row["import_id"] is not None,
        edited_at=stored.edited_at,
        voided_at=stored.voided_at,
        voided_by=people.get(row["voided_by"]) if row["voided_by"] is not None else None,
        void_reason=stored.void_reason,
        history=tuple(history),
        media=tuple(
            MediaRef(
                id=int(m["id"]),
                kind=str(m["kind"]),
                file_id=str(m["file_id"]),
                file_name=m["file_name"],
                kept=m["kept"] == "kept",
                added_at=from_utc_text(m["added_at"]),
                added_by=people.get(int(m["added_by"])),
            )
            for m in media
        ),
    )


async def report_detail(db: Database, *, operation_id: int, number: int) -> ReportDetail | None:
    """Report `number` of this operation with its history and files; None if it has none."""
    return await db.read(partial(_detail, operation_id=operation_id, number=number))


async def media_bytes(db: Database, *, media_id: int, seizure_id: int) -> bytes | None:
    """A kept file's bytes (when Telegram no longer takes its file_id), or None."""
    row = await db.fetchone(
        "SELECT content FROM seizure_media WHERE id = ? AND seizure_id = ? AND kept = 'kept'",
        (media_id, seizure_id),
    )
    return bytes(row["content"]) if row is not None and row["content"] is not None else None
