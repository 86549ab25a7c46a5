"""Who may use a command, for /help COMMAND asked by someone who may not.

Apart from bot.render.help (which reads bot.render.replies) and bot.render.replies (which says
it): either importing the other was a cycle.
"""

from __future__ import annotations

from bot.domain.commands import Command
from bot.domain.unit import Role
from bot.render.i18n import _, both


def only_for(command: Command) -> str:
    """Who may use a command the asker may not: 'Only coordinators may use /export.'"""
    names = {
        Role.COORDINATOR: _("coordinators"),
        Role.OFFICER: _("officers"),
        Role.OBSERVER: _("observers"),
    }
    allowed = [
        name
        for role, name in names.items()
        if any(command.offered(role, place) for place in ("private", "group"))
    ]
    if not allowed:
        return _("Only the bot's administrators may use /{command}.").format(command=command.name)
    return _("Only {roles} may use /{command}.").format(roles=both(allowed), command=command.name)
