"""Domain objects to message text (HTML); no Telegram and no SQL here."""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from bot.access import allows
from bot.commands import BY_NAME, COMMANDS
from bot.domain import Agency, Caller, Member, Operation, Role

EXERCISE_LABEL = "🧪 <b>EXERCISE</b>"

OUTSIDER = (
    "Sorry, this bot is only for members of a customs operation. "
    "If you should have access, ask your coordinator for an invite link."
)
NOT_BOUND = (
    "This group is not linked to an operation yet. "
    "A coordinator can link it with /bind CODE, e.g. /bind SIREN"
)
NO_OPERATION = (
    'There is no operation yet. Create one, e.g. /operation new SIREN "Operation Siren" Asia/Seoul'
)
FAULT = "Sorry, that did not work because of a fault on our side. Please try again in a minute."
NOT_ALLOWED = "Only a coordinator of this operation can do that."
NOT_OFFICER = "Only officers report here. Ask your coordinator for an officer invite."


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


def welcome(caller: Caller | None) -> str:
    """The /start answer."""
    if caller is None:
        return (
            "<b>OCU bot</b> keeps the seizures, totals and schedule of a joint customs "
            "operation.\nTo join, open the invite link your coordinator sent you."
        )
    op = caller.operation
    return (
        f"<b>OCU bot</b> for <b>{escape(op.title)}</b> ({escape(op.code)}).\n"
        f"You are {_role_phrase(caller)}.\n\n" + help_list(caller)
    )


def _role_phrase(caller: Caller) -> str:
    if caller.role is Role.OFFICER and caller.agency_code:
        return f"an officer of {escape(caller.agency_code)}"
    return _a(caller.role)


def _a(role: Role) -> str:
    """The role with its article: 'an observer', 'a coordinator'."""
    article = "an" if role.value[0] in "aeiou" else "a"
    return f"{article} {role.value}"


def help_list(caller: Caller | None) -> str:
    """The commands this person may use here, one a line."""
    lines = []
    for command in COMMANDS:
        if command.name == "s":
            continue
        if command.permission is None or (
            caller is not None and allows(caller.role, command.permission)
        ):
            lines.append(f"/{command.name} — {escape(command.summary)}")
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
    return labelled(operation, "\n".join(lines))


def member_line(member: Member) -> str:
    """One member in /members."""
    name = escape(member.full_name or "?")
    handle = f" @{escape(member.username)}" if member.username else ""
    agency = f" ({escape(member.agency_code)})" if member.agency_code else ""
    return f"{member.role.value}{agency}: {name}{handle} — id {member.user_id}"


def members_list(operation: Operation, members: list[Member]) -> str:
    """/members."""
    body = "\n".join(member_line(m) for m in members) or "No members yet. Invite with /invite."
    return labelled(operation, f"<b>Members of {escape(operation.code)}</b>\n{body}")


def invite_link(
    operation: Operation, *, role: Role, agency: Agency | None, link: str, expires: datetime
) -> str:
    """/invite: the one-time link to forward."""
    who = f"an officer of {escape(agency.code)}" if agency else _a(role)
    return labelled(
        operation,
        f"One-time invite to {escape(operation.code)} as {who}:\n{escape(link)}\n"
        f"It works once and expires {_clock(expires, operation.tz)} ({escape(operation.tz)}).",
    )


def joined(operation: Operation, *, role: Role, agency_code: str | None) -> str:
    """The answer to a used invite."""
    who = f"an officer of {escape(agency_code)}" if agency_code else _a(role)
    return labelled(
        operation,
        f"Welcome to <b>{escape(operation.title)}</b> ({escape(operation.code)}). "
        f"You are {who}.\n/help shows what you can do.",
    )
