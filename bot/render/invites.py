"""The words of workshop invites: the link for many people, the list of open ones."""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from bot.domain.unit import Agency, Invite, Operation, Role


def _who(role: Role, agency_code: str | None) -> str:
    if agency_code:
        return f"officers of {escape(agency_code)}"
    return f"{role.value}s"


def _clock(when: datetime, tz: str) -> str:
    return when.astimezone(ZoneInfo(tz)).strftime("%a %d %b %H:%M")


def workshop_link(operation: Operation, invite: Invite, *, agency: Agency | None, link: str) -> str:
    """/invite ROLE ... PEOPLE: one link to hand out to a room."""
    who = _who(invite.role, agency.code if agency else None)
    return (
        f"Invite #{invite.number} to {escape(operation.code)} for up to {invite.max_uses} "
        f"{who}:\n{escape(link)}\n"
        f"Each person who opens it joins, until {invite.max_uses} have or it expires "
        f"{_clock(invite.expires_at, operation.tz)} ({escape(operation.tz)}). "
        f"/invites shows how many joined; /invites revoke {invite.number} stops it."
    )


def open_list(operation: Operation, invites: list[Invite]) -> str:
    """/invites: the invites that still let people in."""
    if not invites:
        return (
            f"No open invites in {escape(operation.code)}. "
            "Make one with /invite officer KCS 30 (a link for 30 people)."
        )
    lines = [f"<b>Open invites in {escape(operation.code)}</b> ({escape(operation.tz)})"]
    for i in invites:
        who = f"officer {escape(i.agency_code)}" if i.agency_code else i.role.value
        lines.append(
            f"#{i.number} {who} — {i.uses}/{i.max_uses} joined — expires "
            f"{_clock(i.expires_at, operation.tz)} — <code>{escape(i.code)}</code>"
        )
    lines.append(f"Stop one: /invites revoke {invites[0].number}")
    return "\n".join(lines)


def revoked(operation: Operation, invite: Invite) -> str:
    """/invites revoke: the link lets no one else in."""
    return (
        f"Invite #{invite.number} to {escape(operation.code)} is revoked: "
        f"{invite.uses} of {invite.max_uses} joined with it; no one else can. "
        "Those who joined stay members."
    )


def not_open(which: str) -> str:
    """/invites revoke with a code or number that names no open invite."""
    return (
        f"No open invite is {escape(which)}. /invites lists the open ones with their numbers, "
        "e.g. /invites revoke 2"
    )
