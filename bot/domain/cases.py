"""One case, several reports: what a link is made of, and when two reports look like one case."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from bot.domain.summary import SubstanceTotal

# A suggestion looks this many days either side of a report's seizure date.
SUGGEST_WITHIN_DAYS = 3
# Two amounts of a substance within this share of the larger one look like the same seizure.
SUGGEST_TOLERANCE = Decimal("0.10")


@dataclass(frozen=True)
class CaseMember:
    """One report of a case, as people see it: its number, agency and amounts."""

    number: int
    agency_code: str | None
    items: tuple[SubstanceTotal, ...]


@dataclass(frozen=True)
class CaseView:
    """A case's reports, each agency's part shown; `changed` is False when nothing was done."""

    members: tuple[CaseMember, ...]
    changed: bool = True


@dataclass(frozen=True)
class Suggestion:
    """Two reports the bot thinks are one case, for a coordinator to decide."""

    id: int
    first: CaseMember
    second: CaseMember
    status: str = "open"  # open | linked | dismissed


class LinkRefusal(StrEnum):
    """Why /link or /unlink did nothing."""

    NOT_FOUND = "not_found"
    SAME = "same"
    VOIDED = "voided"
    NOT_LINKED = "not_linked"


class LinkRefused(Exception):
    """A link that cannot be made or undone; `number` names the report."""

    def __init__(self, reason: LinkRefusal, number: int):
        super().__init__(reason.value, number)
        self.reason = reason
        self.number = number


def same_seizure(
    first: dict[tuple[str, str, str], Decimal], second: dict[tuple[str, str, str], Decimal]
) -> bool:
    """Whether two reports share a substance (in one unit) with amounts within 10 %."""
    for key, amount in first.items():
        other = second.get(key)
        if other is None:
            continue
        larger = max(amount, other)
        if larger > 0 and abs(amount - other) <= larger * SUGGEST_TOLERANCE:
            return True
    return False
