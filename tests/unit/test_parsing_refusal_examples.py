"""A refusal's corrected example is valid AND records what the officer meant: built from their
own words, nothing counted twice, nothing invented (the newcomer's garbled examples, round 11)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.domain.catalogue import Catalogue
from bot.parsing import ParseError, SeizureReport, parse_seizure
from tests.examples import examples

TODAY = date(2026, 11, 25)
CATALOGUE = Catalogue.load()


def parse(text: str) -> SeizureReport:
    return parse_seizure(text, catalogue=CATALOGUE, today=TODAY)


def refused(text: str) -> ParseError:
    with pytest.raises(ParseError) as raised:
        parse(text)
    return raised.value


def first_example(text: str) -> tuple[str, SeizureReport]:
    """The example the officer sees first, as typed after /seizure, and what it records."""
    shown = re.search(r"e\.g\. /seizure (.*?)(?: or /seizure |$)", str(refused(text)))
    assert shown, str(refused(text))
    return shown[1], parse(shown[1])


def test_a_total_given_later_is_read_as_the_weight_of_the_package_count() -> None:
    # Once refused with the total moved beside the count; now read as that (adversary round 11).
    report = parse(
        "/seizure 3 parcels ketamine total 450g mail centre Incheon from Netherlands, DHL"
    )
    (item,) = report.items
    assert (item.substance, item.amount, item.unit, item.packages) == (
        "ketamine",
        Decimal(450),
        "g",
        3,
    )
    assert report.origin == "NL" and "Incheon" in (report.note or "")


def test_a_unit_written_alone_gets_the_number_not_a_second_unit() -> None:
    shown, report = first_example("/s 대마초 kg at 국제우편물류센터")
    assert shown.count("kg") == 1
    (item,) = report.items
    assert item.substance == "cannabis" and report.location == "국제우편물류센터"


def test_a_mixed_fraction_is_written_as_a_decimal_not_read_as_a_substance() -> None:
    error = refused("1 1/2 kg meth")
    assert "1.5" in str(error)
    _, report = first_example("1 1/2 kg meth")
    (item,) = report.items
    assert (item.substance, item.amount) == ("methamphetamine", Decimal(1500))


def test_a_description_before_the_substance_keeps_one_amount() -> None:
    shown, report = first_example("2kg white powder suspected cocaine")
    (item,) = report.items
    assert (item.substance, item.amount, item.provisional) == ("cocaine", Decimal(2000), True)
    assert report.note == "white powder"
    assert shown.count("2kg") == 1


def test_the_same_drug_named_twice_is_counted_once() -> None:
    # Read since session 12 rather than refused: the second name is part of the item's.
    report = parse_seizure("2kg psilocybin mushrooms", catalogue=CATALOGUE, today=TODAY)
    (item,) = report.items
    assert (item.substance, item.amount) == ("psilocybin", Decimal(2000))
    assert item.as_written == "2kg psilocybin mushrooms" and report.note is None
    # with a separator between, the second name forgot its amount: asked, as before
    shown, report = first_example("2kg meth, ice")
    assert shown.count("2kg") == 2


def test_a_flight_number_is_no_amount_of_a_flight() -> None:
    error = refused("flight KE 652")
    assert "652 flight" not in str(error) and "652 kg" not in str(error)
    _, report = first_example("flight KE 652")
    assert all(item.substance_text != "flight KE" for item in report.items)
    assert report.note == "flight KE 652"


def test_pieces_beside_a_weight_are_packages_not_a_second_substance() -> None:
    # Read since session 16 rather than refused with this reading as its example: pieces
    # hold a weight as vials do (rules, Containers times a content).
    report = parse_seizure("3 pcs 1kg cocaine", catalogue=CATALOGUE, today=TODAY)
    (item,) = report.items
    assert (item.substance, item.amount, item.packages) == ("cocaine", Decimal(1000), 3)


def test_a_buddhist_era_year_out_of_range_is_shown_as_read() -> None:
    error = str(refused("2kg meth on 2500-01-01"))
    assert "1957" in error


# ---- every example the bot offers parses --------------------------------------------------

_WORDS = st.sampled_from(
    [
        "2kg", "kg", "300", "3", "1/2", "1", "meth", "cocaine", "mushrooms", "psilocybin",
        "white", "powder", "suspected", "pcs", "bricks", "parcels", "total", "450g", "at", "ICN",
        "from", "Thailand", "on", "2500-01-01", "flight", "KE", "652", ",", "+", "대마초", "of",
        "x", "yaba", "tablets", "zombie", "net", "gross", "approx", "-2", "0", "1.5",
    ]
)  # fmt: skip


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, min_size=1, max_size=9).map(" ".join))
@example("3 parcels ketamine total 450g")
@example("2kg white powder suspected cocaine")
@example("1 1/2 kg meth")
def test_every_example_offered_is_recorded_without_refusal(text: str) -> None:
    try:
        parse(text)
    except ParseError as error:
        assert error.examples
        for choices in error.examples:
            for choice in choices:
                parse(choice)  # raises if the example itself is refused


def test_a_description_before_a_bare_number_still_gets_a_unit() -> None:
    _, report = first_example("white powder 5")
    (item,) = report.items
    assert (item.substance_text, item.amount) == ("white powder", Decimal(5000))
