"""The summary as it appears on a phone: aligned, escaped, split at lines, labelled."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from bot.domain.summary import (
    AgencyStatus,
    DateRange,
    Heading,
    Period,
    SubstanceTotal,
    Summary,
    SummaryGroup,
    SummaryRequest,
)
from bot.render.amounts import split_amount, split_amounts
from bot.render.i18n import using
from bot.render.summary import render_summary

TODAY = date(2026, 11, 22)
METH = SubstanceTotal("methamphetamine", "g", None, Decimal("22000"), 14)
METH_PILLS = SubstanceTotal("methamphetamine", "unit", "tablet", Decimal("29000"), 3)
METH_CAPS = SubstanceTotal("methamphetamine", "unit", "capsule", Decimal("40"), 1)
COCAINE = SubstanceTotal("cocaine", "g", None, Decimal("350"), 2)
GHB = SubstanceTotal("ghb", "ml", None, Decimal("3500"), 1)
WEIRD = SubstanceTotal("?<b>blue</b> & powder", "g", None, Decimal("12.5"), 1)
AGENCIES = (
    AgencyStatus("KCS", "Korea Customs Service", True, 0),
    AgencyStatus("JPN", "Japan Customs", False, 2),
    AgencyStatus("LAO", "Lao Customs", False, 0),
)


def summary(groups, *, exercise=False, agencies=AGENCIES, filters=(None, None)):
    return Summary(
        operation_code="SIREN",
        operation_title="Operation Siren",
        exercise=exercise,
        tz="Asia/Seoul",
        heading=Heading(Period("today"), DateRange(TODAY, TODAY), None, *filters),
        request=SummaryRequest(),
        groups=tuple(groups),
        agencies=agencies,
    )


def pre(message: str) -> list[str]:
    body = re.search(r"<pre>(.*)</pre>", message, re.S)
    assert body is not None
    return body.group(1).split("\n")


def test_one_message_with_an_aligned_table():
    totals = (COCAINE, GHB, METH, METH_PILLS, METH_CAPS, WEIRD)
    [message] = render_summary(summary([SummaryGroup("", totals)]))
    assert message.startswith("<b>Summary · SIREN</b> — Operation Siren\nToday, 2026-11-22")
    assert pre(message) == [
        "Substance         Amount          Cases",
        "cocaine              350 g            2",
        "GHB                  3.5 L            1",
        "methamphetamine       22 kg          14",
        "                  29,000 tablets      3",
        "                      40 capsules     1",
        "",
        "Unclassified:",
        '"&lt;b&gt;blue&lt;/b&gt; &amp; powder"',
        "                    12.5 g            1",
        "",
        "Seizures reported: KCS",
        "Nil returns: JPN ×2",
        "Silent: LAO",
    ]


def test_groups_have_headings_and_share_the_columns():
    groups = [SummaryGroup("KCS — Korea Customs Service", (METH,)), SummaryGroup("TCD", (COCAINE,))]
    [message] = render_summary(summary(groups, agencies=()))
    assert pre(message) == [
        "Substance        Amount Cases",
        "",
        "▸ KCS — Korea Customs Service",
        "methamphetamine   22 kg    14",
        "",
        "▸ TCD",
        "cocaine          350 g      2",
    ]


def test_nothing_recorded_is_said_plainly():
    [message] = render_summary(summary([], filters=("cocaine", "KCS")))
    assert "Only: cocaine, agency KCS" in message
    assert pre(message)[0] == "No seizures recorded in this period."


def test_every_message_of_a_long_answer_is_numbered_and_whole():
    groups = [SummaryGroup(f"Officer {n}", (METH, METH_PILLS, COCAINE, GHB)) for n in range(200)]
    messages = render_summary(summary(groups, exercise=True), max_messages=100)
    assert len(messages) > 3
    lines_seen = []
    for n, message in enumerate(messages, start=1):
        assert len(message.encode("utf-16-le")) // 2 <= 4096
        assert "EXERCISE" not in message  # the outbox labels, once (tests/unit/test_outbox.py)
        assert f"({n}/{len(messages)})" in message.split("\n")[0]
        assert message.count("<pre>") == 1 and message.endswith("</pre>")
        body = pre(message)
        assert body[0].startswith("Substance")  # the column heading again on every part
        lines_seen += [line for line in body[1:] if line]
    # Every group heading is followed by its lines: no group starts at the end of a message.
    for message in messages:
        assert not pre(message)[-1].startswith("▸")
    # Nothing lost and nothing cut: every line is whole, in order.
    [single] = render_summary(summary(groups, exercise=True), limit=10**7, max_messages=100)
    assert lines_seen == [line for line in pre(single)[1:] if line]


def test_a_huge_answer_stops_after_a_few_messages_and_says_how_to_narrow_it():
    groups = [SummaryGroup(f"Officer {n}", (METH, METH_PILLS, COCAINE, GHB)) for n in range(2000)]
    messages = render_summary(summary(groups), max_messages=8)
    assert len(messages) <= 8
    assert all(len(m) <= 4096 for m in messages)
    lines = [line for message in messages for line in pre(message)]
    [note] = [line for line in lines if line.startswith("… ")]
    assert re.fullmatch(
        r"… [\d,]+ more lines\. Narrow it down, e\.g\. /summary week agency=KCS", note
    )
    # The note comes last before the footer (a blank between them unless a part ends there).
    footer = ["Seizures reported: KCS", "Nil returns: JPN ×2", "Silent: LAO"]
    assert lines[lines.index(note) + 1 :] in (footer, ["", *footer])


def test_groups_left_out_by_the_database_are_mentioned():
    truncated = summary([SummaryGroup("Officer 1", (METH,))])
    truncated = Summary(**{**truncated.__dict__, "truncated": True})
    [message] = render_summary(truncated)
    assert "More groups. Narrow it down, e.g. /summary week agency=KCS" in pre(message)


def test_a_long_unclassified_name_is_shortened_not_spilled():
    long = SubstanceTotal("?" + "x" * 500, "g", None, Decimal(1), 1)
    [message] = render_summary(summary([SummaryGroup("", (long,))]))
    name_line = pre(message)[3]
    assert name_line.startswith('"xxx') and name_line.endswith("…") and len(name_line) == 40


def test_each_amount_is_formatted_once(monkeypatch):
    # Formatting amounts was most of a long summary's text time, and it was done twice: once
    # to size the columns and again for each line.
    import bot.render.summary as module

    calls = []
    real = module.split_amounts

    def counted(amounts):
        amounts = list(amounts)
        calls.extend(amount for amount, _unit, _form in amounts)
        return real(amounts)

    monkeypatch.setattr(module, "split_amounts", counted)
    totals = (COCAINE, GHB, METH, METH_PILLS, METH_CAPS, WEIRD)
    render_summary(summary([SummaryGroup("", totals)]))
    assert calls == [t.amount for t in totals]


@pytest.mark.parametrize("locale", ["en", "ko", "th"])
def test_a_table_splits_amounts_as_one_amount_is_split(locale):
    # split_amounts inlines split_amount for a long table: the very same texts, every shape.
    shapes = ["0", "-0", "0.000", "1", "1.5", "2", "999.999", "1000", "-1000", "1000.000"]
    shapes += ["87732.9", "1234567.891234567", "1E+3", "1.20E-7", "-453.59237", "29000"]
    shapes += ["-0.000", "0.5", "-0.5", "1.000", "-1", "-1.0", "999", "-999.5", "1000.5"]
    shapes += ["-1234.5", "123456", "1E-9", "0.000000001", "4.5E+4", "12345678901234.000001"]
    forms = ["tablet", "blotter", "capsule", "vial", "ampoule"]
    units = [("g", None), ("ml", None), ("unit", None), *(("unit", form) for form in forms)]
    amounts = [(Decimal(text), unit, form) for text in shapes for unit, form in units]
    with using(locale):
        assert split_amounts(amounts) == [split_amount(*amount) for amount in amounts]
