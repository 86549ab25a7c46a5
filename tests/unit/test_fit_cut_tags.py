"""A message cut to fit keeps its markup balanced and drops the tags the cut left empty: a
list of '<i>unclassified</i>' cut at 4,096 characters ended in hundreds of '<i></i>'."""

from __future__ import annotations

from bot.render.fit import fit_message


def test_a_cut_message_ends_in_no_empty_tags() -> None:
    text = "<b>Reports</b>\n" + "; ".join(
        f'{n} kg "dust{n}" (<i>unclassified</i>)' for n in range(300)
    )
    cut = fit_message(text, 200)
    assert cut.endswith("…") and "<i></i>" not in cut, cut[-80:]
    assert cut.count("<i>") == cut.count("</i>") and cut.startswith("<b>Reports</b>\n")


def test_a_cut_inside_a_tag_keeps_it_closed() -> None:
    cut = fit_message("<b>" + "word " * 100 + "</b><i>after</i>", 50)
    assert cut.startswith("<b>word word") and cut.endswith("</b>…"), cut
