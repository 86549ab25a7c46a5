"""Why a report cannot be voided or restored: typed refusals that bot.render.seizure words."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum


class VoidRefusal(StrEnum):
    """Why a report cannot be voided (or restored)."""

    NOT_FOUND = "not_found"
    ALREADY_VOIDED = "already_voided"
    NOT_YOURS = "not_yours"
    TOO_LATE = "too_late"
    NOT_VOIDED = "not_voided"
    RESTORED = "restored"  # restored by a coordinator: its undo is spent, /void remains


class VoidRefused(Exception):
    """The report cannot be voided or restored: `reason` says why, for the handler to word."""

    def __init__(self, reason: VoidRefusal, number: int | None, window: timedelta | None = None):
        super().__init__(reason.value, number)
        self.reason = reason
        # The report's number in its operation, as the person gave or sees it; None when a
        # button named a report that is not in the caller's operation.
        self.number = number
        self.window = window
