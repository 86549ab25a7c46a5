"""The rows of an export, read in pages on a connection of the export's own, off the event loop.

Everything here is plain sqlite3 run in the thread that writes the file (bot.exporting): the
bot's reader connection stays free for everyone else's answers, and the loop never waits on
a page. One read transaction per ExportReader, so the sheets of one file agree with each other.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from bot.domain.export import AgencyRow, AuditRow, ExportSize, ItemRow, NilRow
from storage.pending import agency_visible, visible
from storage.places import places_of

PAGE = 2000

# Pages of whole reports in id order; '+operation_id' keeps SQLite walking the ids instead of
# sorting all of the operation's reports for every page.
_ITEMS = f"""
SELECT s.id, a.code, a.name, a.tz, s.officer_id, p.full_name, s.reported_at, s.day,
       s.occurred_on, s.location, s.origin, s.destination, s.transport, s.concealment,
       s.detection, s.reference, s.tags, s.note, s.text, s.chat_id, s.message_id, s.update_id,
       s.edited_at, s.voided_at, s.voided_by, s.void_reason, s.reply_chat_id,
       s.reply_message_id, i.position, i.substance, i.substance_text, i.amount, i.unit, i.form,
       i.as_written, i.packages, i.approximate, i.provisional, i.gross, i.corrected_from,
       s.number, (SELECT cs.number FROM seizure_case AS c JOIN seizure AS cs ON cs.id = c.case_id
                  WHERE c.seizure_id = s.id)
FROM seizure AS s
JOIN seizure_item AS i ON i.seizure_id = s.id
LEFT JOIN agency AS a ON a.id = s.agency_id
LEFT JOIN person AS p ON p.user_id = s.officer_id
WHERE s.id IN (SELECT id FROM seizure WHERE +operation_id = ? AND id > ? AND {visible()}
               ORDER BY id LIMIT ?)
ORDER BY s.id, i.position
"""
# Counted apart: count(DISTINCT s.id) over the join sorted a million ids (2.6 s of CPU at 1M
# reports before the coordinator heard anything; the two counts take 1.3 s together).
# A report is written with its items in one transaction, and has one at least.
_COUNT_REPORTS = f"""
SELECT count(*) FROM seizure AS s WHERE s.operation_id = ? AND {visible("s")}
"""
_COUNT_ITEMS = f"""
SELECT count(*) FROM seizure AS s
JOIN seizure_item AS i ON i.seizure_id = s.id
WHERE s.operation_id = ? AND {visible("s")}
"""
_NILS = """
SELECT n.id, n.day, a.code, n.officer_id, p.full_name, n.note, n.reported_at FROM nil_return AS n
LEFT JOIN agency AS a ON a.id = n.agency_id
LEFT JOIN person AS p ON p.user_id = n.officer_id
WHERE n.operation_id = ? AND n.id > ? ORDER BY n.id LIMIT ?
"""
_AUDIT = """
SELECT l.id, l.at, l.actor_id, p.full_name, l.action, l.detail FROM audit_log AS l
LEFT JOIN person AS p ON p.user_id = l.actor_id
WHERE l.operation_id = ? AND l.id > ? ORDER BY l.id LIMIT ?
"""


class ExportReader:
    """A read-only view of one operation's rows, consistent across everything read from it."""

    def __init__(self, path: Path, operation_id: int, *, page: int | None = None) -> None:
        self._conn = sqlite3.connect(path, isolation_level=None)
        self._conn.execute("PRAGMA query_only = ON")
        self._conn.execute("PRAGMA busy_timeout = 10000")
        # One snapshot for the whole file (WAL: writers go on meanwhile).
        self._conn.execute("BEGIN")
        self.operation_id = operation_id
        self._page = page or PAGE
        self._places = places_of(self._conn, operation_id)

    def __enter__(self) -> ExportReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """End the read transaction and close the connection."""
        try:
            self._conn.execute("COMMIT")
        finally:
            self._conn.close()

    def size(self) -> ExportSize:
        """How many reports, items, nil returns, agencies and audit entries there are."""
        op = (self.operation_id,)
        reports = self._conn.execute(_COUNT_REPORTS, op).fetchone()[0]
        items = self._conn.execute(_COUNT_ITEMS, op).fetchone()[0]
        nils = self._conn.execute("SELECT count(*) FROM nil_return WHERE operation_id = ?", op)
        agencies = self._conn.execute(
            f"SELECT count(*) FROM agency WHERE operation_id = ? AND {agency_visible()}", op
        )
        audit = self._conn.execute("SELECT count(*) FROM audit_log WHERE operation_id = ?", op)
        return ExportSize(
            reports, items, nils.fetchone()[0], agencies.fetchone()[0], audit.fetchone()[0]
        )

    def pages(self) -> Iterator[list[ItemRow]]:
        """Every item of every visible report, in report order, a page of reports at a time."""
        after = 0
        make = ItemRow._make
        while True:
            rows = self._conn.execute(_ITEMS, (self.operation_id, after, self._page)).fetchall()
            if not rows:
                return
            after = rows[-1][0]
            name = self._places.name
            # The officer's words stay in `location`; the place they count as goes beside.
            yield [make((*row, name(row[9]) if row[9] else None)) for row in rows]

    def items(self) -> Iterator[ItemRow]:
        """Every item of every visible report, one at a time."""
        for page in self.pages():
            yield from page

    def nil_returns(self) -> Iterator[NilRow]:
        """The operation's nil returns in the order they came."""
        after = 0
        while True:
            rows = self._conn.execute(_NILS, (self.operation_id, after, self._page)).fetchall()
            if not rows:
                return
            after = rows[-1][0]
            yield from (NilRow._make(row[1:]) for row in rows)

    def agencies(self) -> list[AgencyRow]:
        """The operation's agencies by code (few: read at once)."""
        rows = self._conn.execute(
            f"SELECT code, name, tz FROM agency WHERE operation_id = ? AND {agency_visible()}"
            " ORDER BY code",
            (self.operation_id,),
        ).fetchall()
        return [AgencyRow._make(row) for row in rows]

    def audit(self) -> Iterator[AuditRow]:
        """The operation's audit log, oldest first."""
        after = 0
        while True:
            rows = self._conn.execute(_AUDIT, (self.operation_id, after, self._page)).fetchall()
            if not rows:
                return
            after = rows[-1][0]
            yield from (AuditRow._make(row[1:]) for row in rows)
