"""Invites: made, redeemed, burned in a group, the open ones listed, and one stopped early."""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta

from bot.domain.clock import from_utc_text, utc_text
from bot.domain.unit import Invite, Role
from storage import audit
from storage.database import Database
from storage.update_claims import claim_update


class InviteRefused(Exception):
    """The invite cannot be used; the message says why."""


class AlreadyMember(InviteRefused):
    """The person is a member of the invite's operation already; the invite stays unused."""


class JoinedBefore(AlreadyMember):
    """The person joined with this very invite before and is still in: nothing to do."""


def _join(
    conn: sqlite3.Connection,
    operation_id: int,
    user_id: int,
    role: Role,
    agency_id: int | None,
    now: datetime,
) -> None:
    conn.execute(
        "INSERT INTO membership (operation_id, user_id, role, agency_id, joined_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (operation_id, user_id) DO UPDATE SET"
        " role = excluded.role, agency_id = excluded.agency_id,"
        " joined_at = excluded.joined_at, revoked_at = NULL",
        (operation_id, user_id, role.value, agency_id, utc_text(now)),
    )
    conn.execute(
        "UPDATE person SET current_operation_id = ? WHERE user_id = ?", (operation_id, user_id)
    )


async def create_invite(
    db: Database,
    *,
    operation_id: int,
    role: Role,
    agency_id: int | None,
    actor_id: int,
    now: datetime,
    valid_for: timedelta,
    update_id: int | None = None,
    max_uses: int = 1,
) -> Invite:
    """A fresh invite code, good for up to `max_uses` people until it expires."""
    code = secrets.token_urlsafe(12)
    expires = now + valid_for

    def work(conn: sqlite3.Connection) -> int:
        row = conn.execute(
            "SELECT coalesce(max(number), 0) + 1 FROM invite WHERE operation_id = ?",
            (operation_id,),
        ).fetchone()
        number = int(row[0]) if row else 1
        conn.execute(
            "INSERT INTO invite (code, operation_id, role, agency_id, created_by, created_at,"
            " expires_at, max_uses, number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                code,
                operation_id,
                role.value,
                agency_id,
                actor_id,
                utc_text(now),
                utc_text(expires),
                max_uses,
                number,
            ),
        )
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="invite.create",
            role=role.value,
            agency_id=agency_id,
            expires_at=utc_text(expires),
            invite=number,
            max_uses=max_uses,
        )
        return number

    number = await db.write(work, access=True, update_id=update_id, now=now)
    return Invite(code, operation_id, role, agency_id, expires, number, max_uses)


def _invite(row: sqlite3.Row) -> Invite:
    return Invite(
        row["code"],
        row["operation_id"],
        Role(row["role"]),
        row["agency_id"],
        from_utc_text(row["expires_at"]),
        row["number"],
        row["max_uses"],
        row["uses"],
        created_by=row["created_by"],
    )


def _used_by(conn: sqlite3.Connection, code: str, user_id: int) -> bool:
    used = conn.execute("SELECT 1 FROM invite_use WHERE code = ? AND user_id = ?", (code, user_id))
    return used.fetchone() is not None


def _is_member(conn: sqlite3.Connection, operation_id: int, user_id: int) -> bool:
    member = conn.execute(
        "SELECT 1 FROM membership WHERE operation_id = ? AND user_id = ? AND revoked_at IS NULL",
        (operation_id, user_id),
    )
    return member.fetchone() is not None


def _revoked_since(conn: sqlite3.Connection, invite: sqlite3.Row) -> bool:
    """Whether the invite's maker is no longer a member of its operation."""
    maker = conn.execute(
        "SELECT 1 FROM membership WHERE operation_id = ? AND user_id = ?"
        " AND revoked_at IS NOT NULL",
        (invite["operation_id"], invite["created_by"]),
    ).fetchone()
    return maker is not None


def _revoked_after(conn: sqlite3.Connection, invite: sqlite3.Row, user_id: int) -> bool:
    """Whether this person's membership was revoked after the invite was made."""
    found = conn.execute(
        "SELECT 1 FROM membership WHERE operation_id = ? AND user_id = ?"
        " AND revoked_at IS NOT NULL AND revoked_at > ?",
        (invite["operation_id"], user_id, invite["created_at"]),
    ).fetchone()
    return found is not None


_INVITE_UNKNOWN = "This invite link is not valid. Ask your coordinator for a new one."


async def redeem_invite(
    db: Database, *, code: str, user_id: int, now: datetime, update_id: int | None = None
) -> Invite:
    """Use an invite: the person joins. InviteRefused if unknown, used or expired."""

    def work(conn: sqlite3.Connection) -> tuple[sqlite3.Row | None, str, Invite | None]:
        row: sqlite3.Row | None = conn.execute(
            "SELECT * FROM invite WHERE code = ?", (code,)
        ).fetchone()
        # A repeat of the update (a redelivery, a replay after a crash) is answered as the first
        # time was, from what that one left, and writes nothing.
        fresh = claim_update(conn, update_id, now)
        invite: Invite | None = None
        action = ""
        if row is None:
            action, refusal = "invite.unknown", _INVITE_UNKNOWN
        elif _used_by(conn, code, user_id) and _is_member(conn, row["operation_id"], user_id):
            # Telegram delivering the tap twice is answered as the first time; the same person
            # tapping the link again is told they are in, not welcomed (nor announced) again.
            refusal, invite = ("", _invite(row)) if not fresh else ("joined", None)
        elif _used_by(conn, code, user_id):
            # Joined with it once and revoked since: a link still open for a workshop must not
            # undo a revoke, nor spend a second place on one person.
            action = "invite.rejoin"
            refusal = (
                "You joined with this link before and are no longer a member. Ask your "
                "coordinator for a new invite if you should be."
            )
        elif (
            row["revoked_at"] is not None
            or _revoked_since(conn, row)
            or _revoked_after(conn, row, user_id)
        ):
            # A link dies with its maker's membership, and a person revoked after it was made
            # needs a new one: an old open link must never undo a revoke.
            action = "invite.revoked"
            refusal = "This invite link was revoked. Ask your coordinator for a new one."
        elif row["uses"] >= row["max_uses"] and row["max_uses"] == 1:
            action = "invite.reused"
            refusal = "This invite link was already used. Ask your coordinator for a new one."
        elif row["uses"] >= row["max_uses"]:
            action = "invite.full"
            refusal = (
                f"This invite link was for {row['max_uses']} people and all of its places are "
                "taken. Ask your coordinator for a new one."
            )
        elif from_utc_text(row["expires_at"]) <= now:
            action = "invite.expired"
            refusal = "This invite link has expired. Ask your coordinator for a new one."
        elif _is_member(conn, row["operation_id"], user_id):
            # A coordinator checking their own link must not become its observer.
            action, refusal = "invite.member", "member"
        elif not fresh:
            refusal = _INVITE_UNKNOWN  # the first delivery found it unusable
        else:
            refusal, invite = "", _invite(row)
            # used_by/used_at keep the first person, as for a one-time invite; everyone who
            # joined is in invite_use, counted in uses.
            conn.execute(
                "UPDATE invite SET used_by = coalesce(used_by, ?), used_at = coalesce(used_at, ?),"
                " uses = uses + 1 WHERE code = ?",
                (user_id, utc_text(now), code),
            )
            conn.execute(
                "INSERT OR IGNORE INTO invite_use (code, user_id, used_at) VALUES (?, ?, ?)",
                (code, user_id, utc_text(now)),
            )
            _join(conn, invite.operation_id, user_id, invite.role, invite.agency_id, now)
            audit.add(
                conn,
                at=now,
                actor_id=user_id,
                operation_id=invite.operation_id,
                action="member.join",
                role=invite.role.value,
                agency_id=invite.agency_id,
                invite=invite.number,
                place=invite.uses + 1,
                places=invite.max_uses,
            )
        if action and fresh:
            audit.add(
                conn,
                at=now,
                actor_id=user_id,
                operation_id=row["operation_id"] if row is not None else None,
                action=action,
            )
        return row, refusal, invite

    row, refusal, invite = await db.write(work, access=True)
    # The refusal is raised after the transaction so the audit entry is committed.
    if refusal == "member" and row is not None:
        raise AlreadyMember(row["operation_id"])
    if refusal == "joined" and row is not None:
        raise JoinedBefore(row["operation_id"])
    if refusal:
        raise InviteRefused(refusal)
    assert invite is not None
    return invite


async def burn_invite(
    db: Database, *, code: str, user_id: int, chat_id: int, now: datetime, update_id: int
) -> None:
    """An invite code shown in a group is spent: anyone there could redeem it."""

    def work(conn: sqlite3.Connection) -> None:
        row = conn.execute(
            "SELECT operation_id FROM invite WHERE code = ? AND revoked_at IS NULL"
            " AND uses < max_uses",
            (code,),
        ).fetchone()
        if row is None:
            return
        # Every place taken: a one-time link reads "already used"; a workshop link is revoked.
        conn.execute(
            "UPDATE invite SET used_at = coalesce(used_at, ?), uses = max_uses,"
            " revoked_at = CASE WHEN max_uses > 1 THEN ? END WHERE code = ?",
            (utc_text(now), utc_text(now), code),
        )
        audit.add(
            conn,
            at=now,
            actor_id=user_id,
            operation_id=row["operation_id"],
            action="invite.burned",
            chat_id=chat_id,
        )

    await db.write(work, access=True, update_id=update_id, now=now)


class InviteNotFound(Exception):
    """No open invite of the operation has that code or number."""


# A link dies with its maker's membership (redeem_invite refuses it): not open, so not listed.
_MAKER_IN = (
    "NOT EXISTS (SELECT 1 FROM membership AS maker WHERE maker.operation_id = i.operation_id"
    " AND maker.user_id = i.created_by AND maker.revoked_at IS NOT NULL)"
)


async def open_invites(db: Database, *, operation_id: int, now: datetime) -> list[Invite]:
    """The operation's invites that still let people in, oldest first."""
    rows = await db.fetchall(
        "SELECT i.*, a.code AS agency_code FROM invite AS i"
        " LEFT JOIN agency AS a ON a.id = i.agency_id"
        " WHERE i.operation_id = ? AND i.revoked_at IS NULL AND i.uses < i.max_uses"
        f" AND i.expires_at > ? AND {_MAKER_IN} ORDER BY i.number",
        (operation_id, utc_text(now)),
    )
    return [replace(_invite(r), agency_code=r["agency_code"]) for r in rows]


async def revoke_invite(
    db: Database,
    *,
    operation_id: int,
    which: str,
    actor_id: int,
    now: datetime,
    update_id: int | None = None,
) -> Invite:
    """Stop an open invite, named by its code or its number; InviteNotFound if none is open."""
    key = which.strip().lstrip("#")
    column = "number" if key.isdigit() and key.isascii() else "code"
    if column == "number" and len(key) > 18:  # past SQLite's 64-bit integers: no invite's number
        raise InviteNotFound(which)

    def work(conn: sqlite3.Connection) -> Invite:
        row = conn.execute(
            f"SELECT * FROM invite AS i WHERE operation_id = ? AND {column} = ?"
            f" AND revoked_at IS NULL AND uses < max_uses AND expires_at > ? AND {_MAKER_IN}",
            (operation_id, int(key) if column == "number" else key, utc_text(now)),
        ).fetchone()
        if row is None:
            raise InviteNotFound(which)
        conn.execute(
            "UPDATE invite SET revoked_at = ?, revoked_by = ? WHERE code = ?",
            (utc_text(now), actor_id, row["code"]),
        )
        audit.add(
            conn,
            at=now,
            actor_id=actor_id,
            operation_id=operation_id,
            action="invite.revoke",
            invite=row["number"],
            uses=row["uses"],
        )
        return _invite(row)

    return await db.write(work, access=True, update_id=update_id, now=now)
