"""Guided entry's typed answers: each step read as the one-line grammar reads it, checked now.

Each answer is tried inside the report it builds (`/seizure 1 kg <substance>`, then the amount,
the unit, the place), so that the last step never finds an earlier one unreadable.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from bot.context import BotContext
from bot.domain.quantities import unit_word
from bot.parsing import ParseError, SeizureReport, parse_seizure
from bot.parsing.markers import is_approximate
from bot.render import guided as render_guided
from storage.drafts import Draft

NO_DETAILS = SeizureReport(items=())

_AMOUNT = re.compile(r"(\d{1,9}(?:\.\d{1,6})?)\s*([^\W\d]+)?")
_UNIT_WORDS = {u.lower(): u for u in (*render_guided.UNITS, "tablet", "pills", "litres", "l")}
_UNIT_WORDS["tablet"] = _UNIT_WORDS["pills"] = "tablets"
_UNIT_WORDS["litres"] = "l"
_MAX_WORDS = 100
_PLACE_WORD = re.compile(r"^(?:at\s+|@\s*)(?=\S)", re.IGNORECASE)


def typed_text(draft: Draft) -> str:
    """The report as an officer would have typed it."""
    place = f" at {draft.place}" if draft.place else ""
    return f"/seizure {draft.amount} {draft.unit} {draft.substance}{place}"


def so_far(draft: Draft) -> str:
    """A draft's answers as typed, e.g. "2 kg meth" or "meth" (for saying what was dropped)."""
    words = (draft.amount, draft.unit, draft.substance)
    place = f" at {draft.place}" if draft.place else ""
    return " ".join(word for word in words if word) + place


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
    text = " ".join(text.split())[:_MAX_WORDS]
    if draft.step == "substance":
        trial = _reads(f"/seizure 1 kg {text}", context, today)
        if (
            trial is None
            or len(trial.items) != 1
            or trial.items[0].amount != 1000
            or replace(trial, items=()) != NO_DETAILS
        ):
            return render_guided.bad_substance(text)
        return Draft(**{**draft.__dict__, "substance": text, "step": "amount"})
    if draft.step == "amount":
        # "about 800 grams" is an amount as it is in a one-line report: the word stays with it.
        about, _sp, rest = text.partition(" ")
        marker = about if rest and is_approximate(about) else None
        match = _AMOUNT.fullmatch(rest if marker else text)
        if match is None or float(match[1]) == 0:
            return render_guided.bad_amount(text)
        unit = _UNIT_WORDS.get((match[2] or "").lower()) or unit_word(match[2] or "")
        if match[2] and unit is None:
            return render_guided.bad_amount(text)
        amount = f"{marker} {match[1]}" if marker else match[1]
        if _reads(f"/seizure {amount} {unit or 'kg'} {draft.substance}", context, today) is None:
            return render_guided.bad_amount(text)
        step = "place" if unit else "unit"
        return Draft(**{**draft.__dict__, "amount": amount, "unit": unit, "step": step})
    if draft.step == "unit":
        unit = _UNIT_WORDS.get(text.lower())
        if unit is None or _reads(typed_text(replace(draft, unit=unit)), context, today) is None:
            return render_guided.bad_unit(text)
        return Draft(**{**draft.__dict__, "unit": unit, "step": "place"})
    if draft.step == "place":
        place = _PLACE_WORD.sub("", text)  # "at ICN T1", as a one-line report says it
        trial = _reads(typed_text(replace(draft, place=place)), context, today)
        if (
            trial is None
            or not trial.location
            or len(trial.items) != 1
            or replace(trial, items=(), location=None) != NO_DETAILS
        ):
            return render_guided.bad_place(text)
        return Draft(**{**draft.__dict__, "place": place, "step": "confirm"})
    return render_guided.press_a_button()


def whole_report(text: str, context: BotContext, today: date) -> bool:
    """Step 1 answered with a whole report ("2kg meth at ICN"): an amount and a substance."""
    report = _reads(text, context, today) if any(c.isdigit() for c in text) else None
    return report is not None and any(i.substance or i.substance_text for i in report.items)
