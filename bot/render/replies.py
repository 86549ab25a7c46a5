"""Domain objects to message text (HTML); no Telegram and no SQL here."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape, unescape
from zoneinfo import ZoneInfo

from bot.domain.access import Permission
from bot.domain.commands import BY_NAME, COMMANDS
from bot.domain.unit import Agency, Caller, Member, Operation, Role

EXERCISE_LABEL = "🧪 <b>EXERCISE</b>"

OUTSIDER = (
    "Sorry, this bot is only for members of a customs operation. "
    "If you should have access, ask your coordinator for an invite link."
)
NOT_BOUND = (
    "This group is not linked to an operation yet. "
    "A coordinator can link it with /bind CODE, where CODE is your operation's code."
)
ONLY_ADMIN_CREATES = "Only an admin can create an operation."
NO_OPERATION = (
    'There is no operation yet. Create one, e.g. /operation new SIREN "Operation Siren" Asia/Seoul'
)
FAULT = "Sorry, that did not work because of a fault on our side. Please try again in a minute."
# A command Telegram delivered again (or the bot took up again after a restart): done once.
REPEATED = "Already done: this message reached the bot before and was carried out then, once."
NOT_ALLOWED = "Only a coordinator of this operation can do that."
NOT_OFFICER = "Only officers report here. Ask your coordinator for an officer invite."
NOT_VOIDER = "Only a report's author (an officer) or a coordinator can void a report."
NOT_SHOWER = "Only a report's author (an officer) or a coordinator can see a report in full."
SENT_PRIVATELY = "I sent it to you in our private chat."
_TAG = re.compile(r"<[^>]+>")


def not_allowed(permission: Permission) -> str:
    """The refusal for a command whose permission the caller's role lacks."""
    if permission is Permission.REPORT:
        return NOT_OFFICER
    if permission is Permission.VOID:
        return NOT_VOIDER
    if permission is Permission.SHOW:
        return NOT_SHOWER
    return NOT_ALLOWED


def plain(text: str) -> str:
    """HTML text as plain text, for a button's alert (Telegram shows it unformatted)."""
    return unescape(_TAG.sub("", text))[:200]


def moved(lost_code: str, now_code: str) -> str:
    """Said before recording anything when the person's chosen operation is no longer theirs."""
    return (
        f"You are no longer a member of {escape(lost_code)}, so nothing was recorded. "
        f"Your operation here is now {escape(now_code)}: send /use {escape(now_code)} to "
        "confirm, then send your message again."
    )


def private_only(name: str, bot_username: str) -> str:
    """A private-chat command sent in a group."""
    return f"Send /{escape(name)} to me in a private chat: https://t.me/{escape(bot_username)}"


def group_only(name: str, example: str) -> str:
    """A group command sent in a private chat."""
    return f"Send /{escape(name)} in the group it is for, e.g. {escape(example)}"


def open_private(name: str, bot_username: str) -> str:
    """A personal answer asked for in a group by someone the bot cannot write to privately."""
    return (
        f"/{escape(name)} is answered only in private, and I cannot write to you there yet. "
        f"Open https://t.me/{escape(bot_username)}, press Start, then send /{escape(name)} again."
    )


INVITE_BURNED = (
    "That invite was posted here, so it no longer works; ask your coordinator for a new one."
)


def labelled(operation: Operation | None, text: str) -> str:
    """Every message about an exercise operation carries the EXERCISE label."""
    if operation is not None and operation.exercise:
        return f"{EXERCISE_LABEL} · {text}"
    return text


def choose_operation(codes: list[str]) -> str:
    """A person in several operations picks one for this private chat."""
    listed = ", ".join(codes)
    return (
        f"You belong to several operations: {listed}.\n"
        f"Choose one with /use CODE, e.g. /use {codes[0]}"
    )


def welcome(caller: Caller | None, place: str = "private") -> str:
    """The /start answer."""
    if caller is None:
        return (
            "<b>OCU bot</b> keeps the seizures, totals and schedule of a joint customs "
            "operation.\nTo join, open the invite link your coordinator sent you."
        )
    op = caller.operation
    return (
        f"<b>OCU bot</b> for <b>{escape(op.title)}</b> ({escape(op.code)}).\n"
        f"You are {_role_phrase(caller)}.\n\n" + help_list(caller, place)
    )


def _role_phrase(caller: Caller) -> str:
    if caller.role is Role.OFFICER and caller.agency_code:
        return f"an officer of {escape(caller.agency_code)}"
    return _a(caller.role)


def _a(role: Role) -> str:
    """The role with its article: 'an observer', 'a coordinator'."""
    article = "an" if role.value[0] in "aeiou" else "a"
    return f"{article} {role.value}"


def help_list(caller: Caller | None, place: str = "private") -> str:
    """The commands this person may use here ('private' or 'group'), one a line."""
    role = caller.role if caller is not None else None
    lines = [
        f"/{command.name} — {escape(command.summary)}"
        for command in COMMANDS
        if command.offered(role, place)
    ]
    return "\n".join(lines) + "\n\n/help COMMAND shows how to type one, e.g. /help seizure"


def help_command(name: str) -> str:
    """/help COMMAND: its syntax and an example."""
    command = BY_NAME.get(name.lstrip("/").lower())
    if command is None:
        return f"There is no command /{escape(name.lstrip('/'))}. /help lists them all."
    return (
        f"/{command.name} — {escape(command.summary)}\n"
        f"Usage: <code>{escape(command.syntax)}</code>\n"
        f"Example: <code>{escape(command.example)}</code>"
    )


def _clock(now: datetime, tz: str) -> str:
    return now.astimezone(ZoneInfo(tz)).strftime("%a %d %b %H:%M")


def operation_card(
    operation: Operation,
    *,
    agencies: list[Agency],
    members: list[Member],
    phase_lines: list[str],
    now: datetime,
) -> str:
    """/operation: the operation at a glance."""
    kind = "exercise" if operation.exercise else "live"
    lines = [
        f"<b>{escape(operation.title)}</b> ({escape(operation.code)}, {kind})",
        f"Time zone {escape(operation.tz)}, now {_clock(now, operation.tz)}",
        "",
        "<b>Phases</b>",
        *(phase_lines or ["none yet — add one with /phase add"]),
        "",
        "<b>Agencies</b>",
    ]
    for agency in agencies:
        count = sum(1 for m in members if m.agency_id == agency.id)
        lines.append(
            f"{escape(agency.code)} — {escape(agency.name)}, {escape(agency.tz)}, "
            f"now {_clock(now, agency.tz)}, {count} officer{'s' if count != 1 else ''}"
        )
    if not agencies:
        lines.append('none yet — add one with /agency add KCS "Korea Customs Service" Asia/Seoul')
    by_role: dict[str, int] = {}
    for member in members:
        by_role[member.role.value] = by_role.get(member.role.value, 0) + 1
    lines += [
        "",
        "<b>Members</b> "
        + (
            ", ".join(f"{n} {r}{'s' if n != 1 else ''}" for r, n in sorted(by_role.items()))
            or "none yet"
        ),
    ]
    return "\n".join(lines)


def member_line(member: Member) -> str:
    """One member in /members."""
    name = escape(member.full_name or "?")
    handle = f" @{escape(member.username)}" if member.username else ""
    agency = f" ({escape(member.agency_code)})" if member.agency_code else ""
    return f"{member.role.value}{agency}: {name}{handle} — id {member.user_id}"


def members_list(operation: Operation, members: list[Member]) -> str:
    """/members."""
    body = "\n".join(member_line(m) for m in members) or "No members yet. Invite with /invite."
    return f"<b>Members of {escape(operation.code)}</b>\n{body}"


def invite_link(
    operation: Operation, *, role: Role, agency: Agency | None, link: str, expires: datetime
) -> str:
    """/invite: the one-time link to forward."""
    who = f"an officer of {escape(agency.code)}" if agency else _a(role)
    return (
        f"One-time invite to {escape(operation.code)} as {who}:\n{escape(link)}\n"
        f"It works once and expires {_clock(expires, operation.tz)} ({escape(operation.tz)})."
    )


def joined(operation: Operation, *, role: Role, agency_code: str | None) -> str:
    """The answer to a used invite."""
    who = f"an officer of {escape(agency_code)}" if agency_code else _a(role)
    return (
        f"Welcome to <b>{escape(operation.title)}</b> ({escape(operation.code)}). "
        f"You are {who}.\n/help shows what you can do."
    )


def already_member(operation: Operation, *, role: Role, agency_code: str | None) -> str:
    """An invite opened by someone who is in the operation already: it stays unused."""
    of = escape(operation.code)
    who = (
        f"an officer of {escape(agency_code)} in {of}"
        if agency_code
        else f"the {role.value} of {of}"
    )
    return f"You are already {who}; this link stays unused for the person it was meant for."


def last_coordinator(full_name: str, operation_code: str) -> str:
    """/revoke of the only coordinator (plain text: a usage answer)."""
    return (
        f"{full_name} is the last coordinator of {operation_code}; nobody could run it then. "
        "Invite another first, e.g. /invite coordinator"
    )


BOUND_ELSEWHERE = (
    "This group is already linked to another operation. Only an admin, or a coordinator of "
    "both that operation and the new one, can move it; an admin sees which operation it "
    "is with /operation here."
)
BINDING_CHANGED = "This group's link changed a moment ago. Check with /operation, then try again."


def bound(operation: Operation, losing: Operation | None) -> str:
    """/bind done: which operation has the group now, and which one lost it."""
    moved = (
        f"\nIt is no longer linked to <b>{escape(losing.title)}</b> ({escape(losing.code)}): "
        "that operation's reports, reminders and digests no longer come here."
        if losing is not None
        else ""
    )
    return (
        f"This group is now linked to <b>{escape(operation.title)}</b> "
        f"({escape(operation.code)}). Reports sent here belong to it, and its "
        f"announcements, reminders and digests arrive here.{moved}"
    )
