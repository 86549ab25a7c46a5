"""The words of workshop invites: the link for many people, the list of open ones."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape

from bot.domain.unit import Agency, Invite, Operation, Role
from bot.render.asked import stamp
from bot.render.help import exercise_example
from bot.render.i18n import N_, _
from bot.render.replies import _a


def _who(role: Role, agency_code: str | None) -> str:
    if agency_code:
        return _("officers of {agency}").format(agency=escape(agency_code))
    return {
        Role.COORDINATOR: _("coordinators"),
        Role.OFFICER: _("officers"),
        Role.OBSERVER: _("observers"),
    }.get(role, f"{role.value}s")


def _one(role: Role, agency_code: str | None) -> str:
    if agency_code:
        return _("officer {agency}").format(agency=escape(agency_code))
    return {
        Role.COORDINATOR: _("coordinator"),
        Role.OFFICER: _("officer"),
        Role.OBSERVER: _("observer"),
    }.get(role, role.value)


def _clock(when: datetime, tz: str) -> str:
    return stamp(when, tz, "%a %d %b %H:%M")


def workshop_link(operation: Operation, invite: Invite, *, agency: Agency | None, link: str) -> str:
    """/invite ROLE ... PEOPLE: one link to hand out to a room."""
    who = _who(invite.role, agency.code if agency else None)
    return _(
        "Invite #{number} to {code} for up to {most} {who}:\n{link}\n"
        "Each person who opens it joins, until {most} have or it expires {clock} ({tz}). "
        "/invites shows how many joined; /invites revoke {number} stops it."
    ).format(
        number=invite.number,
        code=escape(operation.code),
        most=invite.max_uses,
        who=who,
        link=escape(link),
        clock=_clock(invite.expires_at, operation.tz),
        tz=escape(operation.tz),
    )


def open_list(operation: Operation, invites: list[Invite]) -> str:
    """/invites: the invites that still let people in."""
    if not invites:
        return _(
            "No open invites in {code}. Make one with /invite officer KCS 30 "
            "(a link for 30 people)."
        ).format(code=escape(operation.code))
    lines = [
        _("<b>Open invites in {code}</b> ({tz})").format(
            code=escape(operation.code), tz=escape(operation.tz)
        )
    ]
    for i in invites:
        lines.append(
            _(
                "#{number} {who} — {uses}/{most} joined — expires {clock} — <code>{code}</code>"
            ).format(
                number=i.number,
                who=_one(i.role, i.agency_code),
                uses=i.uses,
                most=i.max_uses,
                clock=_clock(i.expires_at, operation.tz),
                code=escape(i.code),
            )
        )
    lines.append(_("Stop one: /invites revoke {number}").format(number=invites[0].number))
    return "\n".join(lines)


def revoked(operation: Operation, invite: Invite) -> str:
    """/invites revoke: the link lets no one else in."""
    return _(
        "Invite #{number} to {code} is revoked: {uses} of {most} joined with it; no one else "
        "can. Those who joined stay members."
    ).format(
        number=invite.number, code=escape(operation.code), uses=invite.uses, most=invite.max_uses
    )


def not_open(which: str) -> str:
    """/invites revoke with a code or number that names no open invite."""
    return _(
        "No open invite is {which}. /invites lists the open ones with their numbers, "
        "e.g. /invites revoke 2"
    ).format(which=escape(which))


# Storage says why an invite cannot be used in these English words (it imports no render); the
# reader gets them in their own.
_REFUSALS = (
    N_("This invite link is not valid. Ask your coordinator for a new one."),
    N_(
        "You joined with this link before and are no longer a member. Ask your "
        "coordinator for a new invite if you should be."
    ),
    N_("This invite link was revoked. Ask your coordinator for a new one."),
    N_("This invite link was already used. Ask your coordinator for a new one."),
    N_("This invite link has expired. Ask your coordinator for a new one."),
)
_FULL = re.compile(r"This invite link was for (\d+) people")


def invite_refused(text: str) -> str:
    """Why an invite cannot be used (storage's words), in the reader's language."""
    full = _FULL.match(text)
    if full is not None:
        return _(
            "This invite link was for {n} people and all of its places are taken. "
            "Ask your coordinator for a new one."
        ).format(n=full[1])
    return _(text) if text in _REFUSALS else text


def someone_joined(operation: Operation, *, name: str, role: Role, agency_code: str | None) -> str:
    """Told in private to the coordinator whose invite someone used."""
    return _("{name} joined <b>{code}</b> with your invite, as {who}.").format(
        name=escape(name), code=escape(operation.code), who=_one(role, agency_code)
    )


def joined_before(operation: Operation, *, role: Role, agency_code: str | None) -> str:
    """The answer to an invite opened again by the person who joined with it: nothing changes."""
    who = (
        _("an officer of {agency}").format(agency=escape(agency_code)) if agency_code else _a(role)
    )
    return _(
        "You joined <b>{title}</b> ({code}) with this link before. You are {who}.\n/help shows "
        "what you can do."
    ).format(title=escape(operation.title), code=escape(operation.code), who=who)


def workshop_how(operation: Operation, agency: str, people: int) -> str:
    """/invite workshop: how a workshop's room is invited (an invite is for a role)."""
    invite = f"<code>/invite officer {escape(agency)} {people}</code>"
    room = _(
        "One link then lets the whole room join as officers: {invite} (up to {people} people; "
        "/help workshop shows every step)."
    ).format(invite=invite, people=people)
    if operation.exercise:
        return _("{code} is an exercise, so a workshop can use it.").format(
            code=escape(operation.code)
        ) + " " + room  # fmt: skip
    create = escape(exercise_example())
    return _(
        "A workshop runs as an exercise operation of its own, so that its reports are never "
        "counted with {code}'s: an admin creates it with <code>{create}</code>, and you switch "
        "to it with /use DRILL."
    ).format(code=escape(operation.code), create=create) + " " + room  # fmt: skip
