"""The outbox's rule: a message that fits is kept; else up to three numbered parts; else a file."""

from __future__ import annotations

import re
from decimal import Decimal
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.summary import (
    DateRange,
    Heading,
    Period,
    SubstanceTotal,
    Summary,
    SummaryGroup,
    SummaryRequest,
)
from bot.domain.unit import Operation
from bot.outbox import CAPTION_LIMIT, MAX_PARTS, TEXT_LIMIT, fit, plain
from bot.render.summary import render_summary
from fakegram.markup import apply_parse_mode
from fakegram.types import utf16_len
from tests.examples import examples


def shown(message: str) -> str:
    """What Telegram shows; the emulation raises on broken markup, as Telegram does."""
    text, _ = apply_parse_mode(message, "HTML")
    assert utf16_len(text) <= TEXT_LIMIT
    return text


def operation(*, exercise: bool) -> Operation:
    return Operation(
        id=1,
        code="SIREN",
        title="Operation Siren",
        tz="Asia/Seoul",
        exercise=exercise,
        digest_time="08:00",
        undo_window_s=600,
        phase_warning_s=86400,
    )


LINE = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\n"), max_size=300)
BLOCK = st.one_of(
    LINE.map(escape),
    LINE.map(lambda t: f"<b>{escape(t)}</b>"),
    st.lists(LINE, min_size=1, max_size=60).map(
        lambda lines: "<pre>" + "\n".join(escape(x) for x in lines) + "</pre>"
    ),
)


@settings(max_examples=examples(150), deadline=None)
@given(blocks=st.lists(BLOCK, min_size=1, max_size=80), exercise=st.booleans())
def test_anything_goes_out_as_at_most_three_valid_parts_or_a_file(blocks, exercise):
    text = "\n".join(blocks)
    fitted = fit(text, operation=operation(exercise=exercise))
    if fitted.as_file:
        assert fitted.document is not None
        assert fitted.document.decode() == plain(text)  # the whole of it, nothing shortened
        (caption,) = fitted.parts
        caption_shown, _ = apply_parse_mode(caption, "HTML")
        assert utf16_len(caption_shown) <= CAPTION_LIMIT
        assert "the whole text is in the file" in caption_shown
        return
    assert 1 <= len(fitted.parts) <= MAX_PARTS
    for n, part in enumerate(fitted.parts, start=1):
        text_shown = shown(part)
        if exercise:
            assert text_shown.startswith("🧪 EXERCISE · ")
        if len(fitted.parts) > 1:
            assert f"({n}/{len(fitted.parts)}) " in text_shown[:20]


def test_a_message_that_fits_is_sent_as_it_is():
    assert fit("<b>Daily digest</b>\n<pre>a  1</pre>").parts == (
        "<b>Daily digest</b>\n<pre>a  1</pre>",
    )


def test_a_long_text_splits_between_blocks_numbered_and_labelled():
    agencies = [
        f"☑️ A{n:02d}: nil return at Fri 09:30: “{'checked the post ' * 12}”" for n in range(25)
    ]
    text = "📋 <b>Daily digest</b> · SIREN\n<pre>meth  2 kg  1 case</pre>\n" + "\n".join(agencies)
    fitted = fit(text, operation=operation(exercise=True))
    assert len(fitted.parts) == 2 and not fitted.as_file
    first, second = (shown(p) for p in fitted.parts)
    assert first.startswith("🧪 EXERCISE · (1/2) 📋 Daily digest · SIREN\nmeth  2 kg  1 case")
    assert second.startswith("🧪 EXERCISE · (2/2) ☑️ A")
    # Every agency line whole, once, in order.
    lines = [x for p in (first, second) for x in p.split("\n") if x.startswith(("☑️", "🧪 E"))]
    assert [x[x.index("☑️") :] for x in lines if "☑️" in x] == agencies


def test_a_table_longer_than_a_message_is_closed_and_opened_again():
    rows = [f"substance {n:04d}        {n:>6} g   {n} cases" for n in range(200)]
    fitted = fit("<b>Totals</b>\n<pre>" + "\n".join(rows) + "</pre>")
    assert 2 <= len(fitted.parts) <= 3
    seen = []
    for part in fitted.parts:
        shown(part)
        assert part.count("<pre>") == part.count("</pre>") == 1
        seen += re.search(r"<pre>(.*)</pre>", part, re.S).group(1).split("\n")  # type: ignore[union-attr]
    assert [x for x in seen if x] == rows


def test_beyond_three_messages_it_is_a_file_with_everything():
    text = "\n".join(f"line {n}: " + "word " * 30 for n in range(200))
    fitted = fit(text, filename="digest-SIREN-2026-11-21.txt")
    assert fitted.as_file and fitted.filename == "digest-SIREN-2026-11-21.txt"
    assert fitted.document == text.encode() + b"\n"  # a text file ends with a line break
    assert fitted.parts[0].startswith("line 0: word")


def test_a_summary_beyond_three_messages_goes_as_a_file_three_or_fewer_as_messages():
    meth = SubstanceTotal("methamphetamine", "g", None, Decimal("22000"), 14)
    coke = SubstanceTotal("cocaine", "g", None, Decimal("350"), 2)

    def summary(groups: int) -> Summary:
        return Summary(
            operation_code="SIREN",
            operation_title="Operation Siren",
            exercise=False,
            tz="Asia/Seoul",
            heading=Heading(Period("today"), DateRange()),
            request=SummaryRequest(),
            groups=tuple(SummaryGroup(f"Officer {n}", (meth, coke)) for n in range(groups)),
            agencies=(),
        )

    small = render_summary(summary(150))
    assert 1 < len(small) <= 3
    assert fit(small).parts == tuple(small)
    big = render_summary(summary(1500))
    assert len(big) > 3
    fitted = fit(big, filename="summary.txt")
    assert fitted.as_file and fitted.document is not None
    assert "Officer 1499" in fitted.document.decode()
