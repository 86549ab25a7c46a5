"""Every command the bot has: syntax, example, who may use it, where, and whether it writes.

The one declaration: the handlers' checks, /help and the per-role menus all read this table,
so what a menu offers and what the bot allows cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.access import Permission, allows
from bot.domain.unit import Role


def N_(message: str) -> str:
    """Mark a description for translation; bot.render translates it where it is shown."""
    return message


class Where(StrEnum):
    """Where a command may be used, and where its answer goes."""

    ANY = "any"  # private chats and groups, answered where asked
    PRIVATE = "private"  # only in a private chat with the bot
    GROUP = "group"  # only in a group (it acts on the group)
    IN_PRIVATE = "in_private"  # asked anywhere, answered only in private: personal output


@dataclass(frozen=True)
class Command:
    """One command as people see it in /help and in Telegram's menu, and as the bot checks it."""

    name: str
    syntax: str  # its placeholders (AMOUNT, ID) marked with N_: shown through _()
    example: str  # free words in it (a reason, a note) marked with N_: shown through _()
    summary: str  # English, marked with N_: shown through _()
    permission: Permission | None  # None: anyone may use it
    where: Where = Where.ANY
    writes: bool = False  # it changes what is stored

    def offered(self, role: Role | None, place: str) -> bool:
        """Whether /help and the menu offer it to this role in a 'private' chat or a 'group'."""
        if self.name == "s":  # /seizure's shorthand: explained by /help seizure
            return False
        if self.name == "cancel" and place != "private":  # said where a question waits
            return False
        if self.name == "use" and role is None:  # an outsider has no operation to choose
            return False
        if (self.where is Where.PRIVATE and place != "private") or (
            self.where is Where.GROUP and place != "group"
        ):
            return False
        return self.permission is None or (role is not None and allows(role, self.permission))


COMMANDS: tuple[Command, ...] = (
    Command(
        "start",
        N_("/start [invite code]"),
        "/start",
        N_("what this bot is; joins with an invite"),
        None,
    ),
    Command("help", N_("/help [COMMAND]"), "/help seizure", N_("what you may do here"), None),
    Command(
        "seizure",
        N_("/seizure AMOUNT SUBSTANCE [at PLACE] [from X] [to Y] [via MODE] ..."),
        "/seizure 2kg meth at ICN cargo terminal via air cargo",
        N_("report a seizure"),
        Permission.REPORT,
        writes=True,
    ),
    Command(
        "s",
        N_("/s AMOUNT SUBSTANCE ..."),
        "/s 300 yaba @BKK",
        N_("short for /seizure"),
        Permission.REPORT,
        writes=True,
    ),
    Command(
        "cancel",
        "/cancel",
        "/cancel",
        N_("stop a report you are entering step by step"),
        Permission.REPORT,
        Where.ANY,  # in a group: a question of the caller's waiting for Record it / Cancel
        writes=True,
    ),
    Command(
        "undo",
        "/undo",
        "/undo",
        N_("void your last report (soon after sending it)"),
        Permission.REPORT,
        writes=True,
    ),
    Command(
        "void",
        N_("/void ID REASON"),
        N_("/void 42 duplicate of 41"),
        N_("void a report, with a reason (yours; coordinators any)"),
        Permission.VOID,
        writes=True,
    ),
    Command(
        "restore",
        N_("/restore ID REASON"),
        N_("/restore 42 voided by mistake"),
        N_("a voided report counts again"),
        Permission.VOID_ANY,
        writes=True,
    ),
    # Asked in a group, one's own reports are listed in private, not shown to everyone there.
    Command(
        "mine",
        N_("/mine [PAGE]"),
        "/mine 2",
        N_("your reports, newest first, ten a page"),
        Permission.REPORT,
        Where.IN_PRIVATE,
    ),
    Command(
        "nil",
        N_("/nil [note]"),
        N_("/nil ICN cargo checked, nothing found"),
        N_("nil return: your post checked, nothing seized today"),
        Permission.REPORT,
        writes=True,
    ),
    Command(
        "summary",
        N_(
            "/summary [today|yesterday|week|last week|month|last month|phase|phase NAME|all|DATE|"
            "FROM..TO] [by agency|location|transport|day|officer|origin|destination|route|"
            "concealment|detection|phase] "
            "[SUBSTANCE] [agency=CODE]"
        ),
        "/summary week by route",
        N_("running totals (/help summary)"),
        Permission.VIEW,
    ),
    Command(
        "link",
        N_("/link NUMBER NUMBER"),
        "/link 41 42",
        N_("two reports of one case (a controlled delivery) count once"),
        Permission.MANAGE,
        writes=True,
    ),
    Command(
        "unlink",
        N_("/unlink NUMBER [NUMBER]"),
        "/unlink 42",
        N_("a linked report counts as a case of its own again"),
        Permission.MANAGE,
        writes=True,
    ),
    Command(
        "chart",
        N_("/chart [period] [by agency]"),
        "/chart week",
        N_("a chart of the totals"),
        Permission.VIEW,
    ),
    Command(
        "export",
        "/export [csv|xlsx]",
        "/export xlsx",
        N_("every report as a file (sent to you privately)"),
        Permission.EXPORT,
        Where.IN_PRIVATE,
    ),
    Command(
        "debrief",
        "/debrief",
        "/debrief",
        N_("the debriefing pack: a PDF report and its XLSX annex (sent to you privately)"),
        Permission.EXPORT,
        Where.IN_PRIVATE,
    ),
    Command(
        "reports",
        N_(
            "/reports [today|yesterday|week|phase|all|DATE|FROM..TO] [agency=CODE] [SUBSTANCE] "
            "[voided|corrected|provisional]"
        ),
        "/reports week agency=KCS meth",
        N_("the reports one by one, newest first, with page buttons (sent to you privately)"),
        Permission.REVIEW,
        Where.IN_PRIVATE,
    ),
    Command(
        "show",
        N_("/show ID"),
        "/show 12",
        N_("one report in full: every field, its history, its photos (sent to you privately)"),
        Permission.SHOW,
        Where.IN_PRIVATE,
    ),
    Command(
        "operation",
        N_('/operation | /operation new CODE "Title" TZ [exercise]'),
        '/operation new SIREN "Operation Siren" Asia/Seoul',
        N_("the operation: phases, agencies, members"),
        Permission.VIEW,
    ),
    Command(
        "agency",
        N_('/agency add CODE "Name" TZ'),
        '/agency add TCD "Thai Customs" Asia/Bangkok',
        N_("add a participating administration"),
        Permission.MANAGE,
        writes=True,
    ),
    Command(
        "phase",
        N_("/phase add|edit NAME START END | /phase rm NAME"),
        N_("/phase add operational 2026-12-01 2026-12-14"),
        N_("the operation's phases"),
        Permission.MANAGE,
        writes=True,
    ),
    Command(
        "remind",
        N_("/remind WHEN TEXT | /remind rm ID"),
        N_("/remind daily 09:00 Send your nil returns"),
        N_("a reminder to the bound chats"),
        Permission.MANAGE,
        writes=True,
    ),
    Command("reminders", "/reminders", "/reminders", N_("the reminders set"), Permission.MANAGE),
    Command(
        "digest",
        N_("/digest [now|at HH:MM|off]"),
        "/digest at 07:30",
        N_("the daily digest"),
        Permission.MANAGE,
        writes=True,
    ),
    Command(
        "alias",
        N_(
            "/alias WORDS CANONICAL | /alias (the list) | /alias rm WORDS | /alias place WORDS = "
            "PLACE | /alias place (the list) | /alias place rm WORDS"
        ),
        "/alias zombie dust synthetic_cathinones",
        N_(
            "map an unclassified substance name, or several names of a place to one; list or "
            "remove the mappings"
        ),
        Permission.MANAGE,
        writes=True,
    ),
    Command(
        "members",
        "/members",
        "/members",
        N_("who is in the operation (sent to you privately)"),
        Permission.MANAGE,
        Where.IN_PRIVATE,
    ),
    Command(
        "invite",
        N_("/invite officer AGENCY [PEOPLE] [HOURSh] | /invite coordinator | /invite observer"),
        "/invite officer KCS 30 48h",
        N_("a link to join, for one person or a workshop (sent to you privately)"),
        Permission.MANAGE,
        Where.IN_PRIVATE,
        writes=True,
    ),
    Command(
        "invites",
        N_("/invites | /invites revoke CODE|NUMBER"),
        "/invites revoke 2",
        N_("open invite links, and revoking one (sent to you privately)"),
        Permission.MANAGE,
        Where.IN_PRIVATE,
        writes=True,
    ),
    Command(
        "revoke",
        N_("/revoke @USERNAME|ID"),
        "/revoke @kim_kcs",
        N_("remove a member"),
        Permission.MANAGE,
        writes=True,
    ),
    Command(
        "bind",
        N_("/bind OPCODE"),
        "/bind SIREN",
        N_("bind this group to an operation"),
        Permission.MANAGE,
        Where.GROUP,
        writes=True,
    ),
    Command(
        "language",
        N_("/language ko|th|en | /language group LANG [LANG]"),
        "/language ko",
        N_("the language I write to you in (a coordinator: the group's)"),
        None,
        writes=True,
    ),
    Command(
        "use",
        N_("/use OPCODE"),
        "/use SIREN",
        N_("choose your operation in this private chat"),
        None,
        Where.PRIVATE,
        writes=True,
    ),
)

BY_NAME = {c.name: c for c in COMMANDS}


def usable(role: Role | None) -> tuple[str, ...]:
    """The names of the commands a person of this role (None: in no operation) may run."""
    return tuple(
        c.name
        for c in COMMANDS
        if c.permission is None or (role is not None and allows(role, c.permission))
    )


# What else acts like a command: an edit of a /seizure message is a /seizure again; a button
# does what the command it stands for does, and is checked as that command.
EDIT_COMMAND = "seizure"
BUTTON_COMMANDS = {
    "undo": "undo",
    "resend": "seizure",
    "draft": "seizure",
    "link": "link",
    "rp": "reports",
}
