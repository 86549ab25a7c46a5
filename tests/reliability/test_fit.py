"""fit_message: any answer, however much of what people pasted it quotes, fits in one message."""

from __future__ import annotations

from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.render.fit import TELEGRAM_LIMIT, fit_message
from fakegram.markup import apply_parse_mode
from fakegram.types import utf16_len
from tests.examples import examples

PASTED = st.text(st.characters(exclude_categories=("Cs",)), max_size=TELEGRAM_LIMIT)
MARKUP = st.sampled_from(("{}", "<b>{}</b>", "<code>{}</code>", "Usage: <code>/x</code>\n{}"))


@settings(max_examples=examples(200), deadline=None)
@given(pasted=PASTED, times=st.integers(min_value=1, max_value=3), markup=MARKUP)
def test_what_telegram_would_refuse_is_made_to_fit_and_still_parses(pasted, times, markup):
    answer = markup.format(f"'{escape(pasted)}' is not a time of day. " * times)
    fitted = fit_message(answer)
    # The emulation parses HTML as Telegram does, and raises on broken markup.
    shown, _ = apply_parse_mode(fitted, "HTML")
    assert utf16_len(shown) <= TELEGRAM_LIMIT
    if utf16_len(answer) <= TELEGRAM_LIMIT:
        assert fitted == answer


def test_a_long_word_is_shortened_and_the_rest_of_the_answer_kept():
    answer = f"'{'x' * 4090}' is not a time of day: write HH:MM, e.g. 09:00."
    fitted = fit_message(answer)
    assert fitted == f"'{'x' * 38}… is not a time of day: write HH:MM, e.g. 09:00."


def test_many_short_words_are_cut_at_the_end_with_the_tags_kept():
    fitted = fit_message("<b>" + "ab " * 3000 + "</b> &amp; tail")
    assert fitted.startswith("<b>ab ab") and fitted.endswith("</b>…")
    shown, _ = apply_parse_mode(fitted, "HTML")
    assert utf16_len(shown) == TELEGRAM_LIMIT
