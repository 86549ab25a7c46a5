"""The parser against the rules, as an outside checker found it (FINDINGS-parse, session 16):
a gross weight summed into the net, fractional ounces refused, and the like.

Each test here failed on the code before it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.unit.parsing_reader import Reader

TODAY = date(2026, 11, 25)
parse, error = Reader(TODAY).parse, Reader(TODAY).error


@pytest.mark.parametrize(
    ("text", "packages"),
    [
        # Before: 6400 g, gross 6400, approximate: the gross added to the net after it.
        ("/seizure gross 3.4kg 3kg meth", None),
        ("/seizure G.W. 3.4kg 3kg meth", None),
        ("/seizure gross weight 3.4kg 3kg meth", None),
        ("/seizure meth gross 3.4kg 3kg", None),
        ("/seizure 3 bricks gross 3.4kg 3kg meth", 3),
    ],
)
def test_a_gross_weight_first_is_never_added_to_the_net_after_it(
    text: str, packages: int | None
) -> None:
    [item] = parse(text).items
    assert (item.substance, item.amount, item.gross, item.approximate, item.packages) == (
        "methamphetamine",
        Decimal(3000),
        Decimal(3400),
        False,
        packages,
    )
