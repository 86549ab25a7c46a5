"""What /chart reads: a resolved request and its totals, before anything is drawn."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.summary import SubstanceTotal
from bot.domain.unit import Operation


@dataclass(frozen=True)
class ChartSource:
    """The operation, the period's heading and the totals per day (or per agency code)."""

    operation: Operation
    period_label: str
    filters: tuple[str, ...]
    by_agency: bool
    # (local day 'YYYY-MM-DD', or an agency code with '' for none, total)
    rows: tuple[tuple[str, SubstanceTotal], ...]
