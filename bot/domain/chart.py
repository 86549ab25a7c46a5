"""What /chart reads: a resolved request and its totals, before anything is drawn."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.summary import Heading, SubstanceTotal
from bot.domain.unit import Operation


@dataclass(frozen=True)
class ChartSource:
    """The operation, what it covers and the totals per day (or per agency code)."""

    operation: Operation
    heading: Heading
    by_agency: bool
    # (local day 'YYYY-MM-DD', or an agency code with '' for none, total)
    rows: tuple[tuple[str, SubstanceTotal], ...]
