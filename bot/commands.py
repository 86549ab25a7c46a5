"""Every command the bot has: syntax, example, who may use it; /help and the menus read it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.access import Permission


@dataclass(frozen=True)
class Command:
    """One command as people see it in /help and in Telegram's menu."""

    name: str
    syntax: str
    example: str
    summary: str
    permission: Permission | None  # None: anyone may use it


COMMANDS: tuple[Command, ...] = (
    Command(
        "start", "/start [invite code]", "/start", "what this bot is; joins with an invite", None
    ),
    Command("help", "/help [COMMAND]", "/help seizure", "what you may do here", None),
    Command(
        "seizure",
        "/seizure AMOUNT SUBSTANCE [at PLACE] [from X] [to Y] [via MODE] ...",
        "/seizure 2kg meth at ICN cargo terminal via air cargo",
        "report a seizure",
        Permission.REPORT,
    ),
    Command(
        "s", "/s AMOUNT SUBSTANCE ...", "/s 300 yaba @BKK", "short for /seizure", Permission.REPORT
    ),
    Command(
        "undo", "/undo", "/undo", "void your last report (soon after sending it)", Permission.REPORT
    ),
    Command(
        "void",
        "/void ID REASON",
        "/void 42 duplicate of 41",
        "void a report, with a reason",
        Permission.VIEW,
    ),
    Command("mine", "/mine", "/mine", "your recent reports", Permission.REPORT),
    Command(
        "nil",
        "/nil [note]",
        "/nil ICN cargo checked, nothing found",
        "nil return: your post checked, nothing seized today",
        Permission.REPORT,
    ),
    Command(
        "summary",
        "/summary [today|yesterday|week|phase|all|DATE|FROM..TO] [by agency|"
        "location|transport|day|officer] [SUBSTANCE] [agency=CODE]",
        "/summary week by agency",
        "running totals",
        Permission.VIEW,
    ),
    Command(
        "chart",
        "/chart [period] [by agency]",
        "/chart week",
        "a chart of the totals",
        Permission.VIEW,
    ),
    Command(
        "export", "/export [csv|xlsx]", "/export xlsx", "every report as a file", Permission.EXPORT
    ),
    Command(
        "operation",
        '/operation | /operation new CODE "Title" TZ [exercise]',
        '/operation new SIREN "Operation Siren" Asia/Seoul',
        "the operation: phases, agencies, members",
        Permission.VIEW,
    ),
    Command(
        "agency",
        '/agency add CODE "Name" TZ',
        '/agency add TCD "Thai Customs" Asia/Bangkok',
        "add a participating administration",
        Permission.MANAGE,
    ),
    Command(
        "phase",
        "/phase add|edit NAME START END | /phase rm NAME",
        "/phase add operational 2026-12-01 2026-12-14",
        "the operation's phases",
        Permission.MANAGE,
    ),
    Command(
        "remind",
        "/remind WHEN TEXT | /remind rm ID",
        "/remind daily 09:00 Send your nil returns",
        "a reminder to the bound chats",
        Permission.MANAGE,
    ),
    Command("reminders", "/reminders", "/reminders", "the reminders set", Permission.MANAGE),
    Command(
        "digest",
        "/digest [now|at HH:MM|off]",
        "/digest at 07:30",
        "the daily digest",
        Permission.MANAGE,
    ),
    Command(
        "alias",
        "/alias WORDS CANONICAL",
        "/alias zombie dust synthetic_cathinones",
        "map an unclassified substance name",
        Permission.MANAGE,
    ),
    Command("members", "/members", "/members", "who is in the operation", Permission.MANAGE),
    Command(
        "invite",
        "/invite officer AGENCY | /invite coordinator | /invite observer",
        "/invite officer KCS",
        "a one-time link to join",
        Permission.MANAGE,
    ),
    Command(
        "revoke", "/revoke @USERNAME|ID", "/revoke @kim_kcs", "remove a member", Permission.MANAGE
    ),
    Command(
        "bind", "/bind OPCODE", "/bind SIREN", "bind this group to an operation", Permission.MANAGE
    ),
    Command("use", "/use OPCODE", "/use SIREN", "choose your operation in this private chat", None),
)

BY_NAME = {c.name: c for c in COMMANDS}


def usage(name: str) -> str:
    """'Usage: SYNTAX. Example: EXAMPLE' for a command, used in every usage error."""
    command = BY_NAME[name]
    return f"Usage: {command.syntax}\nExample: {command.example}"
