"""Kilogram-equivalents: the factors that turn tablets and litres into kg, for comparison only.

Following the practice of UNODC's World Drug Report (see its methodology section), seizures
reported in units are never added silently to the kilograms actually weighed: the pack shows
them in their own units, and apart, labelled, a kg-equivalent with the factor written beside
each line. The factors below are conventional factors used by this report (0.1 g for a
methamphetamine, amphetamine or "ecstasy" tablet, 1 kg for a litre of liquid), not measured
purities or weights; an amount with no factor here is listed as not converted, never guessed.

Edit the table (and SOURCE) to the conventions the seminar agrees on.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bot.domain.commands import N_

# Printed after the factors: what they are, and whose practice the pack follows in using them.
# Marked for translation here, translated where the pack prints them.
SOURCE = N_(
    "conventional factors used by this report, for comparison only; seizures in units are shown "
    "apart from weighed kilograms, following the practice of UNODC's World Drug Report "
    "(methodology)"
)


@dataclass(frozen=True)
class Factor:
    """kg per one native unit of a substance in a form: per tablet, per litre."""

    substance: str  # canonical id, or '*' for every substance
    unit: str  # 'unit' (counted), 'ml'
    form: str  # 'tablet', 'capsule', ... ('' for a volume)
    kg_per: Decimal  # kg per tablet / kg per ml
    per: str  # how the factor is read: '0.1 g per tablet' (an msgid: the pack translates it)


FACTORS: tuple[Factor, ...] = (
    Factor("methamphetamine", "unit", "tablet", Decimal("0.0001"), N_("0.1 g per tablet")),
    Factor("amphetamine", "unit", "tablet", Decimal("0.0001"), N_("0.1 g per tablet")),
    Factor("mdma", "unit", "tablet", Decimal("0.0001"), N_("0.1 g per tablet")),
    Factor("mdma", "unit", "capsule", Decimal("0.0001"), N_("0.1 g per capsule")),
    Factor("*", "ml", "", Decimal("0.001"), N_("1 kg per litre")),
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
