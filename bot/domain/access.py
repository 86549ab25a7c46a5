"""Who may do what: the one table of permissions, checked in one place."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.unit import Role


class Permission(StrEnum):
    """Something a command needs the caller to be allowed."""

    VIEW = "view"  # summary, chart, operation, digest
    REPORT = "report"  # seizure, undo, mine, nil
    MANAGE = "manage"  # phases, reminders, digest settings, members, invites, agencies, aliases
    VOID = "void"  # /void: officers their own reports, coordinators any (with VOID_ANY)
    VOID_ANY = "void_any"
    EXPORT = "export"
    SHOW = "show"  # /show: officers their own reports, coordinators any (with REVIEW)
    REVIEW = "review"  # /reports, and /show of any report: the operation's reports one by one
    CREATE_OPERATION = "create_operation"


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.COORDINATOR: frozenset(
        {
            Permission.VIEW,
            Permission.MANAGE,
            Permission.VOID,
            Permission.VOID_ANY,
            Permission.EXPORT,
            Permission.SHOW,
            Permission.REVIEW,
        }
    ),
    Role.OFFICER: frozenset({Permission.VIEW, Permission.REPORT, Permission.VOID, Permission.SHOW}),
    Role.OBSERVER: frozenset({Permission.VIEW}),
}


def allows(role: Role, permission: Permission) -> bool:
    """Whether a role carries a permission."""
    return permission in _GRANTS[role]
