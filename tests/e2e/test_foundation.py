"""/start and /help through the real Application and the local Bot API."""

from __future__ import annotations

from bot.demo import ADMIN, KCS_OFFICER, OUTSIDER
from tests.e2e.conftest import Harness


async def test_start_explains_the_bot_to_a_stranger(bot: Harness) -> None:
    text = await bot.talk.text(OUTSIDER, "/start")
    assert "OCU bot" in text
    assert "invite link" in text


async def test_help_lists_commands_and_explains_one(bot: Harness) -> None:
    listing = await bot.talk.text(OUTSIDER, "/help")
    assert "/start" in listing and "/help COMMAND" in listing
    assert "/export" not in listing  # a stranger sees only what a stranger may do
    detail = await bot.talk.text(OUTSIDER, "/help seizure")
    assert "Usage: /seizure AMOUNT SUBSTANCE" in detail
    assert "Example: /seizure 2kg meth" in detail
    unknown = await bot.talk.text(OUTSIDER, "/help teleport")
    assert "There is no command /teleport" in unknown


async def test_menus_are_published_per_scope(bot: Harness) -> None:
    officer_menu = [c["command"] for c in bot.api.commands({"type": "all_private_chats"})]
    admin_menu = [c["command"] for c in bot.api.commands({"type": "all_chat_administrators"})]
    group_menu = [c["command"] for c in bot.api.commands({"type": "all_group_chats"})]
    assert "seizure" in officer_menu and "export" not in officer_menu
    assert "use" in officer_menu and "bind" not in officer_menu
    assert "use" not in group_menu and "summary" in group_menu
    # A group's admins may be officers: they get the officers' list (a coordinator gets their
    # own in a group on /help there: tests/e2e/test_help_roles.py).
    assert admin_menu == group_menu


async def test_coordinator_gets_a_menu_of_their_own_on_joining(siren: Harness) -> None:
    from bot.demo import COORDINATOR

    scope = {"type": "chat", "chat_id": COORDINATOR.id}
    menu = [c["command"] for c in siren.api.commands(scope)]
    assert {"invite", "phase", "export", "summary"} <= set(menu)


async def test_admin_with_no_operation_is_told_how_to_create_one(bot: Harness) -> None:
    text = await bot.talk.text(ADMIN, "/operation")
    assert '/operation new SIREN "Operation Siren" Asia/Seoul' in text


async def test_unknown_command_in_private_chat_gets_help(siren: Harness) -> None:
    text = await siren.talk.text(KCS_OFFICER, "/teleport")
    assert "I do not know /teleport" in text


async def test_operations_declared_in_the_config_are_created_once(tmp_path, api) -> None:
    from bot.config import DeclaredOperation
    from bot.domain.clock import ManualClock
    from tests.e2e.conftest import START, make_config, start_bot, stop_bot

    declared = (DeclaredOperation(code="SIREN", title="Operation Siren", timezone="Asia/Seoul"),)
    config = make_config(tmp_path, operation=declared)
    for _ in range(2):  # a restart finds it there and leaves it alone
        app = await start_bot(api, config, ManualClock(START))
        try:
            rows = await app.bot_data.db.fetchall("SELECT code, tz FROM operation")
        finally:
            await stop_bot(app)
        assert [tuple(r) for r in rows] == [("SIREN", "Asia/Seoul")]
