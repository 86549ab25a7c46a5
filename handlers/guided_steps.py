"""Guided entry's typed answers: each step read as the one-line grammar reads it, checked now.

Each answer is tried inside the report it builds (`/seizure 1 kg <substance>`, then the amount,
the unit, the place), so that the last step never finds an earlier one unreadable.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from bot.context import BotContext
from bot.domain.quantities import (
    BadNumber,
    Number,
    format_amount,
    multiplier_word,
    read_number,
    unit_word,
)
from bot.domain.seizure import PLACE_MAX, SeizureItem
from bot.parsing import ParseError, SeizureReport, parse_seizure
from bot.parsing.markers import is_approximate
from bot.render import guided as render_guided
from bot.render.i18n import LOCALES, translations
from storage.drafts import Draft

NO_DETAILS = SeizureReport(items=())

_UNIT_WORDS = {u.lower(): u for u in (*render_guided.UNITS, "tablet", "pills", "litres", "l")}
_UNIT_WORDS["tablet"] = _UNIT_WORDS["pills"] = "tablets"
_UNIT_WORDS["litres"] = "l"
_MAX_WORDS = 100
_PLACE_WORD = re.compile(r"^(?:at\s+|@\s*)(?=\S)", re.IGNORECASE)
# The Skip button's label typed in any language the bot speaks, not recorded as a place.
_SKIP_WORDS = frozenset(
    translations(locale).gettext(render_guided.SKIP).casefold() for locale in LOCALES
)
# The unit a guided draft carries for a report's amount, and the larger one shown from 1,000.
_DRAFT_UNITS = {"g": ("g", "kg"), "ml": ("ml", "l"), "unit": ("tablets", "tablets")}


def typed_text(draft: Draft) -> str:
    """The report as an officer would have typed it."""
    place = f" at {draft.place}" if draft.place else ""
    return f"/seizure {draft.amount} {draft.unit} {draft.substance}{place}"


def so_far(draft: Draft) -> str:
    """A draft's answers in the reader's words, e.g. "2 kg meth" (for saying what was dropped)."""
    return render_guided.so_far(draft.amount, draft.unit, draft.substance, draft.place)


def _reads(text: str, context: BotContext, today: date) -> SeizureReport | None:
    try:
        return parse_seizure(text, catalogue=context.bot_data.catalogue, today=today)
    except ParseError:
        return None


def with_answer(draft: Draft, text: str, context: BotContext, today: date) -> Draft | str:
    """The draft moved on by a typed answer, or what to say instead: each step checked now.

    Each answer is tried in the report it builds, so that the last step never finds that an
    earlier one could not be read.
    """
    whole = " ".join(text.split())
    text = whole[:_MAX_WORDS]
    if draft.step == "substance":
        trial = _reads(f"/seizure 1 kg {text}", context, today)
        if (
            trial is None
            or _unit(text) is not None  # 'kg' is what to measure it in, not what was seized
            or len(trial.items) != 1
            or trial.items[0].amount != 1000
            or replace(trial, items=()) != NO_DETAILS
        ):
            return render_guided.bad_substance(text)
        return Draft(**{**draft.__dict__, "substance": text, "step": "amount"})
    if draft.step == "amount":
        return _with_amount(draft, text, context, today)
    if draft.step == "unit":
        unit = _unit(text)
        if unit is None or _reads(typed_text(replace(draft, unit=unit)), context, today) is None:
            return render_guided.bad_unit(text)
        return Draft(**{**draft.__dict__, "unit": unit, "step": "place"})
    if draft.step == "place":
        if len(_PLACE_WORD.sub("", whole)) > PLACE_MAX:  # said so, never cut to fit unseen
            return render_guided.long_place(len(_PLACE_WORD.sub("", whole)), PLACE_MAX)
        if text.casefold().strip(" .!") in _SKIP_WORDS:
            return Draft(**{**draft.__dict__, "step": "confirm"})  # "건너뛰기" typed: Skip
        if (read := _place_read(draft, text, context, today)) is not None:
            return Draft(**{**draft.__dict__, "place": read, "step": "confirm"})
        place = _PLACE_WORD.sub("", text)  # "at ICN T1", as a one-line report says it
        trial = _reads(typed_text(replace(draft, place=place)), context, today)
        if (
            trial is None
            or not trial.location
            or len(trial.items) != 1
            or replace(trial, items=(), location=None) != NO_DETAILS
        ):
            return render_guided.bad_place(text, _one_line(draft, place, context, today))
        return Draft(**{**draft.__dict__, "place": place, "step": "confirm"})
    return render_guided.press_a_button()


def _place_read(draft: Draft, text: str, context: BotContext, today: date) -> str | None:
    """The place a one-line report reads in the answer written as it would be there, with its
    own word for "at" ("인천공항에서", "ที่สุวรรณภูมิ"); None if it reads no place alone."""
    trial = _reads(f"{typed_text(draft)} {text}", context, today)
    if trial is None or not trial.location or len(trial.items) != 1:
        return None
    return trial.location if replace(trial, items=(), location=None) == NO_DETAILS else None


# The last resort, when neither the officer's words nor their draft make a one-line report.
PLACE_EXAMPLE = "/seizure 2 kg meth at ICN T1 from Cambodia in luggage"


def _one_line(draft: Draft, typed: str, context: BotContext, today: date) -> str:
    """The one-line report the place step's answer belongs in: the officer's own, if it reads."""
    for place in (typed, "ICN T1 from Cambodia in luggage"):
        text = typed_text(replace(draft, place=place))
        report = _reads(text, context, today)
        if report is not None and report.location and len(report.items) == 1:
            return text
    return PLACE_EXAMPLE


def _unit(word: str) -> str | None:
    """A typed unit as the report will carry it: kg, 킬로, กก. (any the grammar reads), or None."""
    return _UNIT_WORDS.get(word.lower()) or unit_word(word)


def _split(text: str) -> tuple[str, str | None]:
    """An amount typed with or without its unit, split: "2,500 เม็ด", "2kg", "2 แสน"."""
    words = text.split(" ")
    if len(words) > 1 and (unit := _unit(words[-1])) is not None:
        return " ".join(words[:-1]), unit
    last = words[-1]
    for cut in range(1, len(last)):  # the longest unit glued to a number: "3กก.", "1.5kg"
        number = read_number(last[:cut])
        if isinstance(number, Number) and number.unit is None and _unit(last[cut:]):
            return " ".join([*words[:-1], last[:cut]]), _unit(last[cut:])
    return text, None


def _is_amount(text: str) -> bool:
    """Numbers and number words only ("2", "2만", "๕๐๐", "2 แสน", "1.2 thousand"), not zero."""
    read = [read_number(word) for word in text.split(" ")]
    numbers = [n for n in read if isinstance(n, Number)]
    words = [w for w, n in zip(text.split(" "), read, strict=True) if n is None]
    return (
        bool(numbers)
        and all(n.unit is None and n.value != 0 for n in numbers)
        and not any(isinstance(n, BadNumber) for n in read)
        and all(multiplier_word(w) for w in words)
    )


def _with_amount(draft: Draft, text: str, context: BotContext, today: date) -> Draft | str:
    """Step 2: a number, with its unit or not, read as the one-line grammar reads it."""
    # "about 800 grams" is an amount as it is in a one-line report: the word stays with it.
    about, _sp, rest = text.partition(" ")
    marker = about if rest and is_approximate(about) else None
    number, unit = _split(rest if marker else text)
    if not _is_amount(number):
        return _one_line_amount(draft, text, context, today) or render_guided.bad_amount(text)
    amount = f"{marker} {number}" if marker else number
    # Without a unit any of the buttons' may follow: 2 แสน is tablets, not kg.
    trials = (unit,) if unit else render_guided.UNITS
    if all(
        _reads(f"/seizure {amount} {u} {draft.substance}", context, today) is None for u in trials
    ):
        return render_guided.bad_amount(text)
    step = "place" if unit else "unit"
    return Draft(**{**draft.__dict__, "amount": amount, "unit": unit, "step": step})


def whole_report(text: str, context: BotContext, today: date) -> bool:
    """Step 1 answered with a whole report ("2kg meth at ICN"): an amount and a substance."""
    report = _reads(text, context, today) if any(c.isdigit() for c in text) else None
    return report is not None and any(i.substance or i.substance_text for i in report.items)


def _one_line_amount(draft: Draft, text: str, context: BotContext, today: date) -> Draft | None:
    """The draft moved on by an amount a one-line report reads in words its unit is written
    with ("두 킬로", "ห้าร้อยเม็ด", "2 กิโลครึ่ง"); None if it reads no single plain amount."""
    trial = _reads(f"/seizure {text} {draft.substance}", context, today)
    if trial is None or len(trial.items) != 1 or replace(trial, items=()) != NO_DETAILS:
        return None
    item = trial.items[0]
    if item.approximate or item.packages or item.gross is not None:
        return None  # kept as typed only by a one-line report
    small, large = _DRAFT_UNITS[item.unit]
    amount, unit = (item.amount / 1000, large) if item.amount >= 1000 else (item.amount, small)
    moved = Draft(
        **{**draft.__dict__, "amount": format_amount(amount), "unit": unit, "step": "place"}
    )
    again = _reads(typed_text(moved), context, today)
    same = again is not None and [_amount_of(i) for i in again.items] == [_amount_of(item)]
    return moved if same else None


def _amount_of(item: SeizureItem) -> tuple[object, ...]:
    return item.substance, item.substance_text, item.amount, item.unit, item.form
