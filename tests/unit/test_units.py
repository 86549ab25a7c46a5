"""Amounts as an officer reads them back: readable units, exact digits, never a float."""

from __future__ import annotations

from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.units import format_amount, from_nano, substance_key, substance_name, to_nano


@pytest.mark.parametrize(
    ("amount", "unit", "form", "shown"),
    [
        ("22000", "g", None, "22 kg"),
        ("1500", "g", None, "1.5 kg"),
        ("1000", "g", None, "1 kg"),
        ("750", "g", None, "750 g"),
        ("0.5", "g", None, "0.5 g"),
        ("0.001", "g", None, "0.001 g"),
        ("453.59237", "g", None, "453.59237 g"),
        ("1250000", "g", None, "1,250 kg"),
        ("2000.000", "g", None, "2 kg"),
        ("3500", "ml", None, "3.5 L"),
        ("250", "ml", None, "250 ml"),
        ("29000", "unit", "tablet", "29,000 tablets"),
        ("1", "unit", "tablet", "1 tablet"),
        ("250", "unit", "blotter", "250 blotters"),
        ("40", "unit", "capsule", "40 capsules"),
        ("3", "unit", "vial", "3 vials"),
        ("12", "unit", None, "12 units"),
        ("1", "unit", None, "1 unit"),
        ("1234567.891", "unit", None, "1,234,567.891 units"),
    ],
)
def test_amounts_read_in_a_sensible_unit(amount, unit, form, shown):
    assert format_amount(Decimal(amount), unit, form) == shown


def test_long_exact_amounts_are_not_rounded():
    # 28 significant digits would be rounded by the default decimal context.
    amount = Decimal("123456789012345678901.123456789")
    assert format_amount(amount, "g", None) == "123,456,789,012,345,678.901123456789 kg"


@given(st.integers(-(10**30), 10**30))
def test_nano_units_round_trip_exactly(nano):
    assert to_nano(from_nano(nano)) == nano


def test_names_of_substances():
    assert substance_name("synthetic_cannabinoids") == "synthetic cannabinoids"
    assert substance_name("mdma") == "MDMA"
    assert substance_name(substance_key(None, "  Blue   Powder! ")) == '"blue powder"'
    assert substance_key("cocaine", "coke") == "cocaine"


def test_from_nano_is_exact_and_trimmed_whatever_the_context_precision():
    with localcontext() as context:
        context.prec = 3
        assert from_nano(1_500_000_000).as_tuple() == Decimal("1.5").as_tuple()
        assert from_nano(-5).as_tuple() == Decimal("-0.000000005").as_tuple()
        assert from_nano(100 * 10**9).as_tuple() == Decimal("100").as_tuple()
        assert from_nano(0).as_tuple() == Decimal("0").as_tuple()
        assert from_nano(10**30 + 1) == Decimal("1000000000000000000000.000000001")
