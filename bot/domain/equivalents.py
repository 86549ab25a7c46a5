"""Kilogram-equivalents: the factors that turn tablets and litres into kg, for comparison only.

UNODC's practice in its World Drug Report (methodology annex, "conversion factors") and its
SMART synthetic-drug reports: seizures reported in units are converted with a stated weight
per unit, shown apart from the kilograms actually weighed, and never added to them silently.
The factors below are the conventions those reports use (a methamphetamine or "ecstasy"
tablet at 0.1 g, a litre of liquid at 1 kg); an amount with no factor here is listed as not
converted rather than guessed. The debriefing pack prints this table with its source.

Edit the table (and the source line) to the conventions the seminar agrees on.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

SOURCE = (
    "UNODC, World Drug Report, methodology annex (conversion factors for seizures reported "
    "in units); UNODC SMART, Synthetic Drugs in East and Southeast Asia (0.1 g per tablet)"
)


@dataclass(frozen=True)
class Factor:
    """kg per one native unit of a substance in a form: per tablet, per litre."""

    substance: str  # canonical id, or '*' for every substance
    unit: str  # 'unit' (counted), 'ml'
    form: str  # 'tablet', 'capsule', ... ('' for a volume)
    kg_per: Decimal  # kg per tablet / kg per ml
    per: str  # how the factor is read: '0.1 g per tablet'


FACTORS: tuple[Factor, ...] = (
    Factor("methamphetamine", "unit", "tablet", Decimal("0.0001"), "0.1 g per tablet"),
    Factor("amphetamine", "unit", "tablet", Decimal("0.0001"), "0.1 g per tablet"),
    Factor("mdma", "unit", "tablet", Decimal("0.0001"), "0.1 g per tablet"),
    Factor("mdma", "unit", "capsule", Decimal("0.0001"), "0.1 g per capsule"),
    Factor("*", "ml", "", Decimal("0.001"), "1 kg per litre"),
)


def factor_for(substance: str, unit: str, form: str) -> Factor | None:
    """The factor that converts this substance in this unit and form, or None (not converted)."""
    for factor in FACTORS:
        if factor.unit == unit and factor.form == form and factor.substance in (substance, "*"):
            return factor
    return None


def kg_equivalent(substance: str, unit: str, form: str, amount: Decimal) -> Decimal | None:
    """The amount in kg: weighed grams as kg, others by their factor; None when none applies."""
    if unit == "g":
        return amount / 1000
    factor = factor_for(substance, unit, form)
    return None if factor is None else amount * factor.kg_per
