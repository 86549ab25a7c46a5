"""One case, several reports (migration 0011): /link, /unlink and the bot's suggested links.

Every change claims its Telegram update in its own transaction (a redelivery changes nothing)
and is audited. How linked reports count is storage.dimensions' concern.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from bot.domain.cases import (
    SUGGEST_WITHIN_DAYS,
    CaseMember,
    CaseView,
    LinkRefusal,
    LinkRefused,
    Suggestion,
    same_seizure,
)
from bot.domain.clock import utc_text
from bot.domain.stored import StoredSeizure
from bot.domain.summary import SubstanceTotal
from bot.domain.unit import Operation
from bot.domain.units import from_nano, substance_key
from storage import audit
from storage.database import Database
from storage.pending import visible
from storage.update_claims import Repeated, claim_update

Amounts = dict[tuple[str, str, str], Decimal]


def _report(conn: sqlite3.Connection, operation_id: int, number: int) -> sqlite3.Row:
    row = conn.execute(
        f"SELECT id, number, voided_at FROM seizure WHERE operation_id = ? AND number = ?"
        f" AND {visible()}",
        (operation_id, number),
    ).fetchone()
    if row is None:
        raise LinkRefused(LinkRefusal.NOT_FOUND, number)
    return row  # type: ignore[no-any-return]


def _amounts(conn: sqlite3.Connection, seizure_id: int) -> Amounts:
    sums: dict[tuple[str, str, str], int] = defaultdict(int)
    for r in conn.execute(
        "SELECT substance, substance_text, unit, coalesce(form, '') AS form, amount_nano"
        " FROM seizure_item WHERE seizure_id = ?",
        (seizure_id,),
    ):
        sums[(substance_key(r["substance"], r["substance_text"]), r["unit"], r["form"])] += int(
            r["amount_nano"]
        )
    return {key: from_nano(nano) for key, nano in sums.items()}


def _member(conn: sqlite3.Connection, seizure_id: int) -> CaseMember:
    row = conn.execute(
        "SELECT s.number, a.code FROM seizure AS s LEFT JOIN agency AS a ON a.id = s.agency_id"
        " WHERE s.id = ?",
        (seizure_id,),
    ).fetchone()
    items = tuple(
        SubstanceTotal(key, unit, form or None, amount, 1)
        for (key, unit, form), amount in sorted(_amounts(conn, seizure_id).items())
    )
    return CaseMember(int(row["number"]), row["code"], items)


def _case_of(conn: sqlite3.Connection, seizure_id: int) -> int | None:
    row = conn.execute(
        "SELECT case_id FROM seizure_case WHERE seizure_id = ?", (seizure_id,)
    ).fetchone()
    return None if row is None else int(row[0])


def _view(conn: sqlite3.Connection, operation_id: int, case_id: int, changed: bool) -> CaseView:
    ids = [
        int(r[0])
        for r in conn.execute(
            "SELECT c.seizure_id FROM seizure_case AS c JOIN seizure AS s ON s.id = c.seizure_id"
            " WHERE c.operation_id = ? AND c.case_id = ? ORDER BY s.number",
            (operation_id, case_id),
        )
    ]
    return CaseView(tuple(_member(conn, i) for i in ids), changed)


def _join(
    conn: sqlite3.Connection, operation_id: int, first: int, second: int, actor: int, now: datetime
) -> int:
    """Put two reports (and the cases they are in) into one case; returns its id."""
    cases = {_case_of(conn, first) or first, _case_of(conn, second) or second}
    case_id = min(cases)
    for seizure_id in (first, second):
        conn.execute(
            "INSERT OR IGNORE INTO seizure_case (seizure_id, operation_id, case_id, linked_at,"
            " linked_by) VALUES (?, ?, ?, ?, ?)",
            (seizure_id, operation_id, case_id, utc_text(now), actor),
        )
    conn.execute(
        "UPDATE seizure_case SET case_id = ? WHERE operation_id = ? AND case_id IN"
        f" ({', '.join('?' * len(cases))})",
        (case_id, operation_id, *cases),
    )
    low, high = sorted((first, second))
    conn.execute(
        "UPDATE link_suggestion SET status = 'linked', decided_by = ?, decided_at = ?"
        " WHERE first_id = ? AND second_id = ? AND status = 'open'",
        (actor, utc_text(now), low, high),
    )
    return case_id


async def link_reports(
    db: Database,
    *,
    operation: Operation,
    numbers: tuple[int, int],
    update_id: int | None,
    actor_id: int,
    now: datetime,
) -> CaseView:
    """Make reports `numbers` one case; LinkRefused when one is missing, voided or both are one."""

    def work(conn: sqlite3.Connection) -> CaseView:
        rows = [_report(conn, operation.id, n) for n in numbers]
        if rows[0]["id"] == rows[1]["id"]:
            raise LinkRefused(LinkRefusal.SAME, numbers[0])
        for row in rows:
            if row["voided_at"] is not None:
                raise LinkRefused(LinkRefusal.VOIDED, int(row["number"]))
        first, second = int(rows[0]["id"]), int(rows[1]["id"])
        current = _case_of(conn, first)
        together = current if current is not None and current == _case_of(conn, second) else None
        if not claim_update(conn, update_id, now) and together is None:
            raise Repeated(update_id)  # unlinked since: "one case" would not be true
        if together is not None:  # delivered twice, or linked already: nothing written
            return _view(conn, operation.id, together, changed=False)
        case_id = _join(conn, operation.id, first, second, actor_id, now)
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation.id,
            action="case.link",
            numbers=list(numbers),
            case_id=case_id,
        )
        return _view(conn, operation.id, case_id, changed=True)

    return await db.write(work, inline=True)


async def unlink_reports(
    db: Database,
    *,
    operation: Operation,
    numbers: tuple[int, ...],
    update_id: int | None,
    actor_id: int,
    now: datetime,
) -> CaseView:
    """Take reports out of their case (a case left with one report ends); returns them."""

    def work(conn: sqlite3.Connection) -> CaseView:
        ids = [int(_report(conn, operation.id, n)["id"]) for n in numbers]
        cases = [_case_of(conn, i) for i in ids]
        repeat = not claim_update(conn, update_id, now)
        for number, case_id in zip(numbers, cases, strict=True):
            if case_id is None and not repeat:
                raise LinkRefused(LinkRefusal.NOT_LINKED, number)
        if repeat and any(case_id is not None for case_id in cases):
            raise Repeated(update_id)  # linked again since: "of its own" would not be true
        if repeat:
            return CaseView(tuple(_member(conn, i) for i in ids), changed=False)
        freed = dict.fromkeys(ids)  # every report that counts as a case of its own afterwards
        for seizure_id in dict.fromkeys(ids):
            # Read again each time: taking the first report out may have renamed the case.
            case_id = _case_of(conn, seizure_id)
            if case_id is None:
                continue
            conn.execute("DELETE FROM seizure_case WHERE seizure_id = ?", (seizure_id,))
            rest = [
                int(r[0])
                for r in conn.execute(
                    "SELECT seizure_id FROM seizure_case WHERE operation_id = ? AND case_id = ?",
                    (operation.id, case_id),
                )
            ]
            if len(rest) == 1:  # one report alone is no longer a linked case
                conn.execute("DELETE FROM seizure_case WHERE seizure_id = ?", (rest[0],))
                freed[rest[0]] = None
            elif rest:  # the case is named after its smallest report id
                conn.execute(
                    "UPDATE seizure_case SET case_id = ? WHERE operation_id = ? AND case_id = ?",
                    (min(rest), operation.id, case_id),
                )
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation.id,
            action="case.unlink",
            numbers=list(numbers),
        )
        members = sorted((_member(conn, i) for i in freed), key=lambda m: m.number)
        return CaseView(tuple(members), changed=True)

    return await db.write(work, inline=True)


_CANDIDATES = f"""
SELECT o.id FROM seizure AS s JOIN seizure AS o
    ON o.operation_id = s.operation_id AND o.voided_at IS NULL
    AND o.day BETWEEN date(s.day, '-{SUGGEST_WITHIN_DAYS} days')
                  AND date(s.day, '+{SUGGEST_WITHIN_DAYS} days')
WHERE s.id = ? AND s.voided_at IS NULL AND o.id <> s.id
    AND s.agency_id IS NOT NULL AND o.agency_id IS NOT NULL AND o.agency_id <> s.agency_id
    AND (s.origin IS NOT NULL OR s.destination IS NOT NULL)
    AND o.origin IS s.origin AND o.destination IS s.destination AND {visible("o")}
"""


def may_suggest(report: StoredSeizure) -> bool:
    """Whether _CANDIDATES can find anything for this report: an agency and a route end.

    Most reports have neither a "from" nor a "to": they skip suggest_links' transaction.
    """
    return report.agency_id is not None and (
        report.report.origin is not None or report.report.destination is not None
    )


async def suggest_links(
    db: Database, *, operation_id: int, seizure_id: int, now: datetime
) -> list[Suggestion]:
    """New suggestions for a report just recorded: another agency's report of the same
    substance and route, a few days apart, amounts within 10 %. Each pair is asked once."""

    def work(conn: sqlite3.Connection) -> list[Suggestion]:
        mine = _amounts(conn, seizure_id)
        own_case = _case_of(conn, seizure_id)
        created = []
        for (other,) in conn.execute(_CANDIDATES, (seizure_id,)).fetchall():
            if own_case is not None and _case_of(conn, other) == own_case:
                continue
            if not same_seizure(mine, _amounts(conn, other)):
                continue
            low, high = sorted((seizure_id, int(other)))
            cursor = conn.execute(
                "INSERT OR IGNORE INTO link_suggestion (operation_id, first_id, second_id,"
                " created_at) VALUES (?, ?, ?, ?)",
                (operation_id, low, high, utc_text(now)),
            )
            if cursor.rowcount:
                created.append(
                    Suggestion(int(cursor.lastrowid or 0), _member(conn, low), _member(conn, high))
                )
        return created

    # Most reports suggest nothing: that answer needs no fsync. What is suggested is made
    # durable before anyone is asked about it (a button must find its suggestion).
    created = await db.write(work, durable=False, inline=True)
    if created:
        await db.sync()
    return created


def _suggestion(
    conn: sqlite3.Connection, operation_id: int, suggestion_id: int
) -> Suggestion | None:
    row = conn.execute(
        "SELECT * FROM link_suggestion WHERE id = ? AND operation_id = ?",
        (suggestion_id, operation_id),
    ).fetchone()
    if row is None:
        return None
    return Suggestion(
        int(row["id"]),
        _member(conn, int(row["first_id"])),
        _member(conn, int(row["second_id"])),
        str(row["status"]),
    )


async def get_suggestion(
    db: Database, *, operation_id: int, suggestion_id: int
) -> Suggestion | None:
    """One suggestion of the operation as it stands, or None."""
    return await db.read(lambda conn: _suggestion(conn, operation_id, suggestion_id))


async def decide_suggestion(
    db: Database,
    *,
    operation: Operation,
    suggestion_id: int,
    link: bool,
    update_id: int | None,
    actor_id: int,
    now: datetime,
) -> tuple[Suggestion, bool] | None:
    """A coordinator's 'Link' or 'Not the same'; (suggestion, changed), None if not found."""

    def load(conn: sqlite3.Connection) -> Suggestion | None:
        return _suggestion(conn, operation.id, suggestion_id)

    def work(conn: sqlite3.Connection) -> tuple[Suggestion, bool] | None:
        found = load(conn)
        if found is None or found.status != "open" or not claim_update(conn, update_id, now):
            return None if found is None else (found, False)
        row = conn.execute(
            "SELECT first_id, second_id FROM link_suggestion WHERE id = ?", (suggestion_id,)
        ).fetchone()
        first, second = int(row[0]), int(row[1])
        if link:
            voided = conn.execute(
                "SELECT number FROM seizure WHERE id IN (?, ?) AND voided_at IS NOT NULL",
                (first, second),
            ).fetchone()
            if voided is not None:
                raise LinkRefused(LinkRefusal.VOIDED, int(voided[0]))
            _join(conn, operation.id, first, second, actor_id, now)
        else:
            conn.execute(
                "UPDATE link_suggestion SET status = 'dismissed', decided_by = ?,"
                " decided_at = ? WHERE id = ?",
                (actor_id, utc_text(now), suggestion_id),
            )
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation.id,
            action="case.suggestion",
            suggestion_id=suggestion_id,
            decision="link" if link else "not_the_same",
            numbers=[found.first.number, found.second.number],
        )
        decided = load(conn)
        assert decided is not None
        return decided, True

    return await db.write(work, inline=True)
