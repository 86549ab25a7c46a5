"""Each substance of a chart has a colour of its own (session 14, newcomer): kratom was
drawn in methamphetamine's blue and synthetic cathinones in cocaine's orange."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.catalogue import Catalogue
from bot.render.chart import substance_styles
from bot.render.chart_draw import PALETTE, colour

IDS = sorted(Catalogue.load().ids)


def test_the_newcomers_substances_each_have_their_own_colour() -> None:
    keys = {"kratom", "methamphetamine", "cannabis", "cocaine", "heroin", "ketamine",
            "synthetic_cathinones", "mdma"}  # fmt: skip
    styles = substance_styles(keys)
    colours = {key: colour(style) for key, style in styles.items()}
    assert colours["kratom"] != colours["methamphetamine"], colours
    assert colours["synthetic_cathinones"] != colours["cocaine"], colours
    assert len(set(colours.values())) == len(keys), colours


@given(st.sets(st.sampled_from(IDS), max_size=len(PALETTE)))
def test_up_to_fourteen_substances_never_share_a_colour(keys: set[str]) -> None:
    styles = substance_styles(keys)
    assert len({colour(s) for s in styles.values()}) == len(keys), styles


@given(st.sets(st.sampled_from(IDS)))
def test_more_share_a_colour_but_never_a_colour_and_marker(keys: set[str]) -> None:
    styles = substance_styles(keys)
    assert len(set(styles.values())) == len(keys), styles
