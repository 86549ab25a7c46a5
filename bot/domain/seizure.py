"""A seizure report as recorded: its items and details, and its JSON form."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from bot.domain.quantities import Unit, format_amount

__all__ = ["PLACE_MAX", "SeizureItem", "SeizureReport", "Unit"]

# The longest place (location, origin, destination) a report records, in characters: what the
# digest's report lines show whole (bot.parsing.places).
PLACE_MAX = 80


@dataclass(frozen=True)
class SeizureItem:
    """One substance seized: an exact amount in g, ml or units, and the words typed for it."""

    substance: str | None  # canonical id; None when unclassified
    substance_text: str | None  # the officer's words for an unclassified substance, else None
    amount: Decimal  # normalised to g / ml / unit, exact, > 0
    unit: Unit
    form: str | None  # tablet | capsule | blotter | vial | None
    as_written: str  # the item's text as typed, e.g. "2kg meth"
    packages: int | None = None  # "3 x 500g", "3 bricks 3kg": how many packages
    approximate: bool = False  # "about 2kg", "~2kg", a gross weight alone
    provisional: bool = False  # "suspected", or a description: awaiting the lab
    gross: Decimal | None = None  # gross weight in g, as declared
    corrected_from: str | None = None  # the word as typed when a typo was read as an alias

    def to_json(self) -> dict[str, object]:
        """The item as the spec's JSON object."""
        shape: dict[str, object] = {"substance": self.substance}
        if self.substance is None:
            shape["substance_text"] = self.substance_text
        shape.update(
            amount=format_amount(self.amount),
            unit=self.unit,
            form=self.form,
            as_written=self.as_written,
            packages=self.packages,
            approximate=self.approximate,
            provisional=self.provisional,
            gross=None if self.gross is None else format_amount(self.gross),
            corrected_from=self.corrected_from,
        )
        return shape


@dataclass(frozen=True)
class SeizureReport:
    """Everything one /seizure message records."""

    items: tuple[SeizureItem, ...]
    location: str | None = None
    origin: str | None = None
    destination: str | None = None
    transport: str | None = None
    concealment: str | None = None
    detection: str | None = None
    reference: str | None = None
    occurred_on: date | None = None
    tags: tuple[str, ...] = ()
    note: str | None = None

    def to_json(self) -> dict[str, object]:
        """The report as the spec's JSON object (what `python -m bot parse` prints)."""
        return {
            "items": [item.to_json() for item in self.items],
            "location": self.location,
            "origin": self.origin,
            "destination": self.destination,
            "transport": self.transport,
            "concealment": self.concealment,
            "detection": self.detection,
            "reference": self.reference,
            "occurred_on": self.occurred_on.isoformat() if self.occurred_on else None,
            "tags": list(self.tags),
            "note": self.note,
        }


def reads_the_same(one: SeizureReport, other: SeizureReport) -> bool:
    """Whether two readings record the same report: only the spacing or the case of an item's
    words as typed differs ('1kg meth', '1 kg meth', '1  KG  Meth')."""

    def spaced(report: SeizureReport) -> SeizureReport:
        # Every other field is compared as read: the same amount, unit, substance and details.
        items = tuple(
            replace(i, as_written="".join(i.as_written.casefold().split())) for i in report.items
        )
        return replace(report, items=items)

    return spaced(one) == spaced(other)
