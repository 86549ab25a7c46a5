"""Domain objects to message text (HTML); no Telegram and no SQL here."""

from __future__ import annotations

import functools
import re
from datetime import datetime
from difflib import get_close_matches
from html import escape, unescape

from bot.domain.access import Permission
from bot.domain.commands import BY_NAME, COMMANDS, Where
from bot.domain.unit import Agency, Caller, Member, Operation, Role
from bot.render.asked import stamp
from bot.render.i18n import LOCALES, N_, _, ngettext, using
from bot.render.who_may import only_for

EXERCISE_LABEL = N_("🧪 <b>EXERCISE</b>")

OUTSIDER = N_(
    "Sorry, this bot is only for members of a customs operation. "
    "If you should have access, ask your coordinator for an invite link."
)
NOT_BOUND = N_(
    "This group is not linked to an operation yet. "
    "A coordinator can link it with /bind CODE, where CODE is your operation's code."
)
ONLY_ADMIN_CREATES = N_("Only an admin can create an operation.")
NO_OPERATION = N_(
    'There is no operation yet. Create one, e.g. /operation new SIREN "Operation Siren" Asia/Seoul'
)
FAULT = N_("Sorry, that did not work because of a fault on our side. Please try again in a minute.")
# An update delivered again: done once; true of a refusal too (not "carried out").
REPEATED = N_("Already answered: this message reached the bot before; nothing was done again.")
# A job the bot ended because it was stopping (a chart, the debriefing pack).
STOPPED = N_("The bot restarted before this was done. Please send the command again.")
NOT_ALLOWED = N_("Only a coordinator of this operation can do that.")
NOT_OFFICER = N_("Only officers report here. Ask your coordinator for an officer invite.")
# One role per person in an operation: a coordinator reports only from another account.
COORDINATOR_NOT_OFFICER = N_(
    "Only officers report here, and a coordinator is not an officer of the same operation. To "
    "show a report, send it from another account with an officer invite, e.g. /invite officer KCS."
    " The operation's reports: /reports."
)
NOT_VOIDER = N_("Only a report's author (an officer) or a coordinator can void a report.")
NOT_SHOWER = N_("Only a report's author (an officer) or a coordinator can see a report in full.")
SENT_PRIVATELY = N_("I sent it to you in our private chat.")
_TAG = re.compile(r"<[^>]+>")


def not_allowed(permission: Permission, role: Role | None = None) -> str:
    """The refusal for a command whose permission the caller's role lacks."""
    if permission is Permission.REPORT:
        return _(COORDINATOR_NOT_OFFICER if role is Role.COORDINATOR else NOT_OFFICER)
    if permission is Permission.VOID:
        return _(NOT_VOIDER)
    if permission is Permission.SHOW:
        return _(NOT_SHOWER)
    return _(NOT_ALLOWED)


def plain(text: str) -> str:
    """HTML text as plain text, for a button's alert (Telegram shows it unformatted)."""
    return unescape(_TAG.sub("", text))[:200]


def moved(lost_code: str, now_code: str) -> str:
    """Said before recording anything when the person's chosen operation is no longer theirs."""
    return _(
        "You are no longer a member of {lost}, so nothing was recorded. "
        "Your operation here is now {now}: send /use {now} to "
        "confirm, then send your message again."
    ).format(lost=escape(lost_code), now=escape(now_code))


def private_only(name: str, bot_username: str) -> str:
    """A private-chat command sent in a group."""
    return _("Send /{command} to me in a private chat: {link}").format(
        command=escape(name), link=f"https://t.me/{escape(bot_username)}"
    )


def group_only(name: str, example: str) -> str:
    """A group command sent in a private chat."""
    return _("Send /{command} in the group it is for, e.g. {example}").format(
        command=escape(name), example=escape(_(example))
    )


def open_private(name: str, bot_username: str) -> str:
    """A personal answer asked for in a group by someone the bot cannot write to privately."""
    return _(
        "/{command} is answered only in private, and I cannot write to you there yet. "
        "Open {link}, press Start, then send /{command} again."
    ).format(command=escape(name), link=f"https://t.me/{escape(bot_username)}")


INVITE_BURNED = N_(
    "That invite was posted here, so it no longer works; ask your coordinator for a new one."
)


def labelled(operation: Operation | None, text: str) -> str:
    """Every message about an exercise operation carries the EXERCISE label (once)."""
    if operation is not None and operation.exercise and not text.startswith(_exercise_labels()):
        return f"{_(EXERCISE_LABEL)} · {text}"
    return text


@functools.cache
def _exercise_labels() -> tuple[str, ...]:
    """The label in every language: a text labelled in its own (a bilingual half) keeps it."""
    labels = []
    for locale in LOCALES:
        with using(locale):
            # A text may carry it on a line of its own (/start's welcome) instead.
            labels += [f"{_(EXERCISE_LABEL)} · ", f"{_(EXERCISE_LABEL)}\n"]
    return tuple(labels)


def choose_operation(codes: list[str]) -> str:
    """A person in several operations picks one for this private chat."""
    listed = ", ".join(codes)
    return _(
        "You belong to several operations: {codes}.\nChoose one with /use CODE, e.g. /use {first}"
    ).format(codes=listed, first=codes[0])


def _role_phrase(caller: Caller) -> str:
    if caller.role is Role.OFFICER and caller.agency_code:
        return _("an officer of {agency}").format(agency=escape(caller.agency_code))
    return _a(caller.role)


def _a(role: Role) -> str:
    """The role with its article: 'an observer', 'a coordinator'."""
    return {
        Role.ADMIN: _("an admin"),
        Role.COORDINATOR: _("a coordinator"),
        Role.OFFICER: _("an officer"),
        Role.OBSERVER: _("an observer"),
    }.get(role, role.value)


WORKSHOP_POINTER = N_("Running a workshop or a training? /help workshop shows how.")


def help_list(caller: Caller | None, place: str = "private") -> str:
    """The commands this person may use here ('private' or 'group'), one a line."""
    role = caller.role if caller is not None else None
    lines = []
    for command in COMMANDS:
        if command.offered(role, place):
            lines.append(f"/{command.name} — {escape(_(command.summary))}")
        elif place == "private" and command.where is Where.GROUP and command.offered(role, "group"):
            # /bind is how a group is linked: listed where the admin reads /help, and where.
            where = _("send it in the group")
            lines.append(f"/{command.name} — {escape(_(command.summary))} ({escape(where)})")
    footer = _("/help COMMAND shows how to type one, e.g. /help {command}").format(
        command=_example_command(role, place)
    )
    if any(BY_NAME["invite"].offered(role, p) for p in ("private", "group")):
        footer += "\n" + _(WORKSHOP_POINTER)  # who runs one asked /invite workshop
    return "\n".join(lines) + "\n\n" + footer


def _example_command(role: Role | None, place: str) -> str:
    """A command of this person's to show /help COMMAND with: /seizure only to who reports."""
    mine = [c.name for c in COMMANDS if c.offered(role, place) and c.name not in ("help", "start")]
    return next((name for name in ("seizure", "summary", *mine) if name in mine), "start")


def _nearest(typed: str, role: Role | None) -> list[str]:
    """The commands of the person's own a misspelt name most likely meant, nearest first, at
    most two ('reminder': /reminders and /remind); never another role's, which /help would then
    refuse to explain."""
    mine = [c.name for c in COMMANDS if any(c.offered(role, p) for p in ("private", "group"))]
    return get_close_matches(typed, mine, n=2, cutoff=0.75)


def help_command(name: str, caller: Caller | None = None) -> str:
    """/help COMMAND: its syntax and an example, for a command the person may use."""
    command = BY_NAME.get(name.lstrip("/").lower())
    role = caller.role if caller is not None else None
    if command is None:
        typed = name.lstrip("/")
        nearest = _nearest(typed.lower(), role)
        if len(nearest) == 2:
            return _(
                "There is no command /{command}. Did you mean /{first} or /{second}? "
                "/help {first} or /help {second} shows how to type it."
            ).format(command=escape(typed), first=nearest[0], second=nearest[1])
        if nearest:
            return _(
                "There is no command /{command}. Did you mean /{nearest}? "
                "/help {nearest} shows how to type it."
            ).format(command=escape(typed), nearest=nearest[0])
        return _("There is no command /{command}. /help lists them all.").format(
            command=escape(typed)
        )
    usage = f"/{command.name} — {escape(_(command.summary))}\n" + _(
        "Usage: <code>{syntax}</code>\nExample: <code>{example}</code>"
    ).format(syntax=escape(_(command.syntax)), example=escape(_(command.example)))
    if not any(command.offered(role, place) for place in ("private", "group")):
        # Every command answers /help COMMAND (the spec): before, an officer's /help export
        # said only "not one of your commands". The list and the menu still show one's own.
        return f"{usage}\n{escape(only_for(command))}"
    return usage


def _clock(now: datetime, tz: str) -> str:
    return stamp(now, tz, "%a %d %b %H:%M")


def operation_card(
    operation: Operation,
    *,
    agencies: list[Agency],
    members: list[Member],
    phase_lines: list[str],
    now: datetime,
    role: Role | None = None,
) -> str:
    """/operation: the operation at a glance; how to add a phase only to who may."""
    kind = _("exercise") if operation.exercise else _("live")
    phase = BY_NAME["phase"]
    may_add = any(phase.offered(role, place) for place in ("private", "group"))
    no_phase = _("none yet — add one with /phase add") if may_add else _("none yet")
    lines = [
        f"<b>{escape(operation.title)}</b> ({escape(operation.code)}, {kind})",
        _("Time zone {tz}, now {clock}").format(
            tz=escape(operation.tz), clock=_clock(now, operation.tz)
        ),
        "",
        _("<b>Phases</b>"),
        *(phase_lines or [no_phase]),
        "",
        _("<b>Agencies</b>"),
    ]
    for agency in agencies:
        count = sum(1 for m in members if m.agency_id == agency.id)
        lines.append(
            f"{escape(agency.code)} — {escape(agency.name)}, {escape(agency.tz)}, "
            + ngettext(
                "now {clock}, {count} officer", "now {clock}, {count} officers", count
            ).format(clock=_clock(now, agency.tz), count=count)
        )
    if not agencies:
        lines.append(
            _('none yet — add one with /agency add KCS "Korea Customs Service" Asia/Seoul')
        )
    by_role: dict[str, int] = {}
    for member in members:
        by_role[member.role.value] = by_role.get(member.role.value, 0) + 1
    lines += [
        "",
        _("<b>Members</b>")
        + " "
        + (", ".join(_role_count(r, n) for r, n in sorted(by_role.items())) or _("none yet")),
    ]
    return "\n".join(lines)


def _role_count(role: str, n: int) -> str:
    """'3 officers', in the reader's words."""
    words = {
        "admin": ngettext("{n} admin", "{n} admins", n),
        "coordinator": ngettext("{n} coordinator", "{n} coordinators", n),
        "officer": ngettext("{n} officer", "{n} officers", n),
        "observer": ngettext("{n} observer", "{n} observers", n),
    }
    return words.get(role, f"{{n}} {role}").format(n=n)


def _role_name(role: Role) -> str:
    """A role's name as the reader calls it."""
    return {
        Role.ADMIN: _("admin"),
        Role.COORDINATOR: _("coordinator"),
        Role.OFFICER: _("officer"),
        Role.OBSERVER: _("observer"),
    }.get(role, role.value)


def member_line(member: Member) -> str:
    """One member in /members."""
    name = escape(member.full_name or "?")
    handle = f" @{escape(member.username)}" if member.username else ""
    agency = f" ({escape(member.agency_code)})" if member.agency_code else ""
    return f"{_role_name(member.role)}{agency}: {name}{handle} — id {member.user_id}"


def members_list(operation: Operation, members: list[Member]) -> str:
    """/members."""
    body = "\n".join(member_line(m) for m in members) or _("No members yet. Invite with /invite.")
    return _("<b>Members of {code}</b>").format(code=escape(operation.code)) + f"\n{body}"


def invite_link(
    operation: Operation,
    *,
    number: int,
    role: Role,
    agency: Agency | None,
    link: str,
    expires: datetime,
) -> str:
    """/invite: the one-time link to forward, numbered as a workshop invite is."""
    who = _("an officer of {agency}").format(agency=escape(agency.code)) if agency else _a(role)
    return _(
        "One-time invite #{number} to {code} as {who}:\n{link}\n"
        "It works once and expires {clock} ({tz})."
    ).format(
        number=number,
        code=escape(operation.code),
        who=who,
        link=escape(link),
        clock=_clock(expires, operation.tz),
        tz=escape(operation.tz),
    )


def joined(operation: Operation, *, role: Role, agency_code: str | None) -> str:
    """The answer to a used invite."""
    who = (
        _("an officer of {agency}").format(agency=escape(agency_code)) if agency_code else _a(role)
    )
    return _(
        "Welcome to <b>{title}</b> ({code}). You are {who}.\n/help shows what you can do."
    ).format(title=escape(operation.title), code=escape(operation.code), who=who)


def already_member(operation: Operation, *, role: Role, agency_code: str | None) -> str:
    """An invite opened by someone who is in the operation already: it stays unused."""
    of = escape(operation.code)
    if agency_code:
        text = _(
            "You are already an officer of {agency} in {code}; this link stays unused for the "
            "person it was meant for."
        )
    else:
        text = _(
            "You are already the {role} of {code}; this link stays unused for the person it "
            "was meant for."
        )
    return text.format(agency=escape(agency_code or ""), code=of, role=_role_name(role))


def last_coordinator(full_name: str, operation_code: str) -> str:
    """/revoke of the only coordinator (plain text: a usage answer)."""
    return _(
        "{name} is the last coordinator of {code}; nobody could run it then. "
        "Invite another first, e.g. /invite coordinator"
    ).format(name=full_name, code=operation_code)


BOUND_ELSEWHERE = N_(
    "This group is already linked to another operation. Only an admin, or a coordinator of "
    "both that operation and the new one, can move it; an admin sees which operation it "
    "is with /operation here."
)
BINDING_CHANGED = N_(
    "This group's link changed a moment ago. Check with /operation, then try again."
)


def bound(operation: Operation, losing: Operation | None) -> str:
    """/bind done: which operation has the group now, and which one lost it."""
    moved = (
        "\n"
        + _(
            "It is no longer linked to <b>{title}</b> ({code}): "
            "that operation's reports, reminders and digests no longer come here."
        ).format(title=escape(losing.title), code=escape(losing.code))
        if losing is not None
        else ""
    )
    return (
        _(
            "This group is now linked to <b>{title}</b> ({code}). Reports sent here belong to "
            "it, and its announcements, reminders and digests arrive here."
        ).format(title=escape(operation.title), code=escape(operation.code))
        + moved
    )


def already_bound(operation: Operation) -> str:
    """/bind to the operation the group is linked to already."""
    return _(
        "This group is already linked to <b>{title}</b> ({code}): reports sent here belong to it."
    ).format(title=escape(operation.title), code=escape(operation.code))


def usage(name: str) -> str:
    """'Usage: SYNTAX. Example: EXAMPLE' for a command, used in every usage error."""
    command = BY_NAME[name]
    return _("Usage: {syntax}\nExample: {example}").format(
        syntax=_(command.syntax), example=_(command.example)
    )
