"""What '/undo N' (or /undo with words) answers: it takes no number and voids nothing, and
says what is true of the report named and of the latest one (voided, its undo spent)."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.context import BotContext
from bot.domain.access import Permission, allows
from bot.domain.stored import StoredSeizure
from bot.domain.unit import Caller
from bot.render import undo as render_undo
from storage import listing as listing_store
from storage.seizure_voids import was_restored

_ANY_NUMBER = re.compile(r"#?(?P<n>[0-9]+)")


async def with_argument(
    context: BotContext, caller: Caller, last: StoredSeizure | None, typed: str
) -> str:
    """What /undo with words after it says; it voids nothing."""
    latest = None if last is None else last.number
    found = _ANY_NUMBER.fullmatch(typed.strip())
    asked = None if found is None else int(found["n"])
    if found is None or asked == latest:
        state = "" if last is None else await _state(context, caller, last)
        return render_undo.with_argument(latest, asked, "latest", state)
    asked = int(found["n"])
    detail = (
        await listing_store.report_detail(
            context.db, operation_id=caller.operation.id, number=asked
        )
        if len(found["n"]) <= 18  # within SQLite's 64-bit integers
        else None
    )
    if detail is None:
        whose = "none"
    elif detail.officer_id == caller.user_id:
        whose = "own"
    elif allows(caller.role, Permission.VOID_ANY):
        whose = "any"
    else:
        whose = "other"
    voided = detail is not None and detail.voided_at is not None
    return render_undo.with_argument(latest, asked, whose, "voided" if voided else "")


async def _state(context: BotContext, caller: Caller, last: StoredSeizure) -> str:
    """The latest report as /undo alone would find it: "voided", "expired" (too late, or a
    coordinator restored it) or "" (/undo alone takes it back)."""
    if last.voided_at is not None:
        return "voided"
    window = timedelta(seconds=caller.operation.undo_window_s)
    if context.clock.now() - last.reported_at > window or await was_restored(
        context.db, operation_id=caller.operation.id, seizure_id=last.id
    ):
        return "expired"
    return ""
