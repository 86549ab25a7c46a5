"""Command menus per scope: officers and coordinators each see their own list."""

from __future__ import annotations

import asyncio
import logging

from telegram import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeChatMember,
)
from telegram.error import TelegramError

from bot.context import BotContext, OcuApplication
from bot.domain.access import Permission, allows
from bot.domain.commands import COMMANDS
from bot.domain.unit import Role
from bot.render.i18n import LOCALES, _, using

log = logging.getLogger(__name__)


def menu_for(role: Role | None, chat: str = "private") -> list[BotCommand]:
    """The commands a role may use in a private chat or a group, in the current locale."""
    return [BotCommand(c.name, _(c.summary)[:256]) for c in COMMANDS if c.offered(role, chat)]


async def publish_menus(app: OcuApplication) -> None:
    """The default menus: officers' list everywhere, group admins included.

    A group's admins are whoever the group made admins, officers among them: they get the
    officers' list, never the coordinators' (a coordinator's own list: publish_group_menu).
    Each scope once per language (English as the default for any other language_code), so
    a Korean officer's menu reads in Korean.
    """
    bot = app.bot
    calls = []
    for language in LOCALES:
        code = None if language == "en" else language
        with using(language):
            calls += [
                bot.set_my_commands(
                    menu_for(Role.OFFICER),
                    scope=BotCommandScopeAllPrivateChats(),
                    language_code=code,
                ),
                bot.set_my_commands(
                    menu_for(Role.OFFICER, "group"),
                    scope=BotCommandScopeAllGroupChats(),
                    language_code=code,
                ),
                bot.set_my_commands(
                    menu_for(Role.OFFICER, "group"),
                    scope=BotCommandScopeAllChatAdministrators(),
                    language_code=code,
                ),
            ]
    # All at once: one after the other they were nine round trips before the bot first polls.
    await asyncio.gather(*calls)


async def publish_person_menu(
    context: BotContext, *, user_id: int, chat_id: int, role: Role
) -> None:
    """A person's private chat shows their own role's list (an officer's too: roles change).

    In the language the update is answered in (the person's), set by the caller's `using`.
    """
    try:
        await context.bot.set_my_commands(menu_for(role), scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:  # a menu is a convenience; joining must not fail for it
        log.warning("could not set the menu for %s: %s", user_id, exc)


async def publish_group_menu(
    context: BotContext, *, user_id: int, chat_id: int, role: Role
) -> None:
    """A person's own list in one group (a coordinator's there), in the caller's language."""
    try:
        await context.bot.set_my_commands(
            menu_for(role, "group"), scope=BotCommandScopeChatMember(chat_id, user_id)
        )
    except TelegramError as exc:  # a menu is a convenience
        log.warning("could not set the group menu for %s: %s", user_id, exc)


def needs(permission: Permission) -> frozenset[Role]:
    """The roles that hold a permission."""
    return frozenset(r for r in Role if allows(r, permission))
