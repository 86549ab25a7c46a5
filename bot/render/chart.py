"""/chart's content for a phone and for paper: over days, one day's totals, or by agency.

`chart_data` turns what storage read into finished words and numbers in the reader's language;
`bot.render.chart_draw.draw` makes the PNG of it (pure, for a thread or a worker process).
"""

from __future__ import annotations

import math
import zlib
from collections import defaultdict
from collections.abc import Sized
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from babel.dates import format_skeleton

from bot.domain.chart import ChartSource
from bot.domain.summary import SubstanceTotal
from bot.domain.units import count_word, shown_precision, unit_class
from bot.render.i18n import N_, _, current_locale, number
from bot.render.labels import heading_filters, heading_label, substance_label

MAX_SERIES = 6  # per panel; the rest are drawn together as "other"
# An "other (N)" line or bar stands for at least this many substances: fewer are drawn each,
# since a bucket of one or two hides as many substances as it saves lines.
MIN_OTHER = 3
MAX_AGENCIES = 8  # agencies drawn one by one in the agency chart; the rest together
MAX_AXIS_DAYS = 366  # a period's days drawn on the axis though none holds a seizure
MAX_BARS = 24  # bars in all panels of an agency chart, so labels stay legible
_OTHERS = "\x00"  # the group of the agencies beyond MAX_AGENCIES
LOG_RATIO = 10  # largest / smallest beyond which a linear scale flattens the lines' small ones
COLOURS = 14  # chart_draw.PALETTE's
STYLES = COLOURS * 7  # a substance's style: 14 colours x 7 markers (chart_draw); OTHER is grey
OTHER = -1  # the style of "other (N)"
# Styles 0-6, seven colours apart: the substances most seized, most often side by side.
COMMON = ("methamphetamine", "cocaine", "heroin", "cannabis", "mdma", "ketamine", "amphetamine")
_CLASSES = ("mass", "volume", "count")  # at most three panels: one per unit class
_UNIT_WORDS = {
    "kg": N_("kg"),
    "g": N_("g"),
    "L": N_("L"),
    "ml": N_("ml"),
    "tablets": N_("tablets"),
    "capsules": N_("capsules"),
    "blotters": N_("blotters"),
    "vials": N_("vials"),
    "units": N_("units"),
}


@dataclass(frozen=True)
class Series:
    """One substance (or "other"): a value per position, None where it has nothing yet."""

    label: str
    values: tuple[float | None, ...]  # floats only to plot; the exact figures are in `texts`
    texts: tuple[str, ...] = ()  # the exact amount per position, written beside a bar
    style: int = OTHER  # the substance's colour and marker (see styles); bars use `shades`


@dataclass(frozen=True)
class Panel:
    """One unit class (mass, volume or counted): its axis label, scale and series."""

    axis_label: str
    log: bool
    series: tuple[Series, ...]
    categories: tuple[str, ...] = ()  # the bars' names; empty for a line over days
    shades: tuple[int, ...] = ()  # a style per bar: its substance's, as in every other panel
    legend: tuple[tuple[str, int], ...] = ()  # (substance, style) of bars not named by substance


@dataclass(frozen=True)
class ChartData:
    """A chart ready to draw: every word already in the reader's language."""

    title: str
    subtitle: str
    kind: str  # "days": lines over days | "day": one day's bars | "agency": bars per agency
    days: tuple[date, ...]  # the x axis of "days": first to last day with data, no further
    ticks: tuple[tuple[int, str], ...]  # (position in days, date as the reader writes it)
    panels: tuple[Panel, ...]
    empty: str  # shown when there is nothing to draw
    folded: int = 0  # substances drawn together as "other (N)", all panels (the caption says)


def chart_data(source: ChartSource) -> ChartData:
    """The chart of what storage read: one day as bars, several as lines, or by agency."""
    styles = substance_styles({total.substance_key for _group, total in source.rows})
    if source.by_agency:
        return _agency_chart(source, styles)
    days = sorted({date.fromisoformat(day) for day, _ in source.rows})
    if len(days) <= 1:
        return _day_chart(source, days, styles)
    # The axis runs over the dates the subtitle names ('Whole operation, 2026-11-15 – …' drew
    # from Nov 20, its first seizure), unless they are far more than a chart shows.
    dates = source.heading.dates
    first, last = days[0], days[-1]
    if dates.first is not None and dates.last is not None:
        if (dates.last - dates.first).days <= MAX_AXIS_DAYS:
            first, last = min(first, dates.first), max(last, dates.last)
    return _days_chart(source, first, last, styles)


def substance_styles(keys: set[str]) -> dict[str, int]:
    """A style per substance key, the same in every panel and every chart of the operation:
    the most seized substances have their own seven (seven colours apart); any other takes
    one of the remaining by a stable hash of its key, whatever else is drawn beside it.

    Two keys of one chart with the same hashed colour are parted, the later by name taking the
    next style of a colour still free (of 14), else the next free style: only then may a style
    differ from another chart's. Before, kratom was methamphetamine's blue and synthetic
    cathinones cocaine's orange, their bars told apart by nothing. (The operation's order of
    first reports would never collide, but reading it took 5 s of CPU at 1M reports.) Beyond 42
    such keys every style is taken and the rest keep their hashed one (shared): at most
    MAX_SERIES * 2 substances are drawn apart, and the rest as "other".
    """
    taken = {key: COMMON.index(key) for key in keys if key in COMMON}
    others = STYLES - len(COMMON)
    for key in sorted(keys - set(COMMON)):
        hashed = len(COMMON) + zlib.crc32(key.encode("utf-8")) % others
        in_use = set(taken.values())
        colours = {s % COLOURS for s in in_use}
        turn = [len(COMMON) + (hashed - len(COMMON) + n) % others for n in range(others)]
        free = [s for s in turn if s not in in_use]
        apart = [s for s in free if s % COLOURS not in colours]
        # Before: with every style taken this looked for a free one for ever, on the event
        # loop: /chart of 43 unclassified substances froze the whole bot.
        taken[key] = (apart or free or [hashed])[0]
    return taken


def _titles(source: ChartSource, what: str) -> tuple[str, str]:
    op = source.operation
    if op.exercise:
        title = _("EXERCISE — {code} — {title}").format(code=op.code, title=op.title)
    else:
        title = f"{op.code} — {op.title}"
    subtitle = f"{what} · {heading_label(source.heading)} ({op.tz})"
    filters = heading_filters(source.heading)
    if filters:
        subtitle += " · " + _("only {filters}").format(filters=", ".join(filters))
    return title, subtitle


def _empty(source: ChartSource, what: str, kind: str) -> ChartData:
    title, subtitle = _titles(source, what)
    return ChartData(title, subtitle, kind, (), (), (), _("No seizures recorded in this period"))


def _unit_word(word: str) -> str:
    return _(_UNIT_WORDS[word]) if word in _UNIT_WORDS else word


def _scale(cls: str, largest: Decimal) -> tuple[str, Decimal]:
    """The readable unit of a panel and what its base amounts are divided by."""
    if cls == "mass":
        return ("kg", Decimal(1000)) if largest >= 1000 else ("g", Decimal(1))
    if cls == "volume":
        return ("L", Decimal(1000)) if largest >= 1000 else ("ml", Decimal(1))
    return "", Decimal(1)


def _series_key(total: SubstanceTotal) -> tuple[str, str]:
    # Counted forms share a panel but never a series: tablets and blotters are not added.
    return total.substance_key, (total.form or "") if total.unit == "unit" else ""


def _split(
    rows: tuple[tuple[str, SubstanceTotal], ...],
) -> dict[str, dict[tuple[str, str], dict[str, Decimal]]]:
    """Per unit class, per series key, per group (day or agency): the exact amount."""
    classes: dict[str, dict[tuple[str, str], dict[str, Decimal]]] = {}
    for group, total in rows:
        per_key = classes.setdefault(unit_class(total.unit), {})
        per_group = per_key.setdefault(_series_key(total), defaultdict(Decimal))
        per_group[group] += total.amount
    return {cls: classes[cls] for cls in _CLASSES if cls in classes}


def _label(key: tuple[str, str], forms: set[str]) -> str:
    name = substance_label(key[0])
    if len(forms) <= 1:
        return name
    return _("{substance} ({unit})").format(substance=name, unit=_unit_word(count_word(key[1])))


def _axis_label(cls: str, word: str, forms: set[str], *, cumulative: bool, log: bool) -> str:
    if cls == "count":
        word = count_word(next(iter(forms)) or None) if len(forms) == 1 else ""
        unit = _unit_word(word) if word else _("counted items")
    else:
        unit = _unit_word(word)
    if cumulative:
        return (_("{unit}, cumulative, log scale") if log else _("{unit}, cumulative")).format(
            unit=unit
        )
    return _("{unit}, log scale").format(unit=unit) if log else unit


def _needs_log(values: list[Decimal]) -> bool:
    positive = [v for v in values if v > 0]
    return bool(positive) and max(positive) >= LOG_RATIO * min(positive)


def _ranked(
    per_key: dict[tuple[str, str], dict[str, Decimal]],
    forms: set[str],
    most: int,
    styles: dict[str, int],
) -> list[tuple[str, dict[str, Decimal], str, int]]:
    """(label, amount per group, form, style): the largest `most` series, then the rest."""
    totals = {key: sum(groups.values(), Decimal(0)) for key, groups in per_key.items()}
    ranked = sorted(per_key, key=lambda key: (-totals[key], key))
    shown = [
        (_label(key, forms), dict(per_key[key]), key[1], styles.get(key[0], OTHER))
        for key in ranked[:most]
    ]
    rest = ranked[most:]
    if len(rest) < MIN_OTHER:  # "other (2)" would hide the substances it stands for
        shown += [
            (_label(key, forms), dict(per_key[key]), key[1], styles.get(key[0], OTHER))
            for key in rest
        ]
    else:
        summed: dict[str, Decimal] = defaultdict(Decimal)
        for key in rest:
            for group, amount in per_key[key].items():
                summed[group] += amount
        rest_forms = {key[1] for key in rest}
        form = rest_forms.pop() if len(rest_forms) == 1 else ""
        shown.append((_("other ({count})").format(count=len(rest)), dict(summed), form, OTHER))
    return shown


def _folded(per_key: dict[tuple[str, str], dict[str, Decimal]], shown: Sized) -> int:
    """How many substances `_ranked` drew as one "other" line or bar (0: each its own)."""
    return len(per_key) - len(shown) + 1 if len(shown) < len(per_key) else 0


def _amount(base: Decimal, divisor: Decimal, cls: str, word: str, form: str) -> str:
    # Rounded as every amount shown (amounts.py), in grams before kg: 5.06699 kg, as /summary.
    value = shown_precision(base) / divisor
    if cls == "count":
        word = count_word(form or None, singular=value == 1)
    return _("{number} {unit}").format(number=number(value), unit=_unit_word(word))


def _day_chart(source: ChartSource, days: list[date], styles: dict[str, int]) -> ChartData:
    """One day's data: a bar per substance, its exact amount written at its end."""
    heading = source.heading
    # The bars are the period's totals: 'of the day' only where the period asked is one day
    # (the whole operation's dates are those reported, one day only until a second is).
    if heading.period.kind != "all" and heading.dates.first == heading.dates.last is not None:
        what = _("Seizures of the day")
    else:
        what = _("Total seizures")
    if not days:
        return _empty(source, what, "day")
    title, subtitle = _titles(source, what)
    panels, folded = [], 0
    for cls, per_key in _split(source.rows).items():
        forms = {key[1] for key in per_key}
        shown = _ranked(per_key, forms, MAX_SERIES * 2, styles)
        folded += _folded(per_key, shown)
        amounts = [sum(groups.values(), Decimal(0)) for _label_, groups, _form, _s in shown]
        word, divisor = _scale(cls, max(amounts))
        values = tuple(float(a / divisor) for a in amounts)
        texts = tuple(
            _amount(a, divisor, cls, word, form)
            for a, (_label_, _groups, form, _s) in zip(amounts, shown, strict=True)
        )
        # Bars start at zero on a linear scale: on a log scale 1 kg drew half as long as
        # 15 kg. The exact amount written at each bar's end keeps a tiny one readable.
        panels.append(
            Panel(
                _axis_label(cls, word, forms, cumulative=False, log=False),
                False,
                (Series("", values, texts),),
                tuple(label for label, _groups, _form, _s in shown),
                tuple(style for *_rest, style in shown),
            )
        )
    return ChartData(title, subtitle, "day", tuple(days), (), tuple(panels), "", folded)


def _days_chart(source: ChartSource, first: date, last: date, styles: dict[str, int]) -> ChartData:
    """Several days: the running total of each substance, from its first seizure on."""
    title, subtitle = _titles(source, _("Cumulative seizures"))
    days = tuple(first + timedelta(days=n) for n in range((last - first).days + 1))
    panels, folded = [], 0
    for cls, per_key in _split(source.rows).items():
        forms = {key[1] for key in per_key}
        shown = _ranked(per_key, forms, MAX_SERIES, styles)
        folded += _folded(per_key, shown)
        finals = [sum(groups.values(), Decimal(0)) for _label_, groups, _form, _s in shown]
        word, divisor = _scale(cls, max(finals))
        log = _needs_log(finals)
        series = []
        for label, groups, _form, style in shown:
            running, values = Decimal(0), []
            for day in days:
                running += groups.get(day.isoformat(), Decimal(0))
                # Nothing before the first seizure: a log scale has no zero to start from.
                values.append(float(running / divisor) if running else None)
            series.append(Series(label, tuple(values), style=style))
        axis = _axis_label(cls, word, forms, cumulative=True, log=log)
        panels.append(Panel(axis, log, tuple(series)))
    return ChartData(title, subtitle, "days", days, _ticks(days), tuple(panels), "", folded)


def _ticks(days: tuple[date, ...], most: int = 5) -> tuple[tuple[int, str], ...]:
    """At most `most` evenly spaced days, the last included, as the reader writes a date."""
    step = max(1, math.ceil((len(days) - 1) / (most - 1)))
    positions = list(range(0, len(days), step))
    if positions[-1] != len(days) - 1:
        if len(days) - 1 - positions[-1] < step / 2:
            positions.pop()
        positions.append(len(days) - 1)
    locale = current_locale()
    # The year is in the subtitle; day and month are what fits under a bar on a phone.
    return tuple((n, format_skeleton("MMMd", days[n], locale=locale)) for n in positions)


def _agency_chart(source: ChartSource, styles: dict[str, int]) -> ChartData:
    """Totals per agency: a bar per agency and substance, its amount written at its end."""
    what = _("Seizures by agency")
    if not source.rows:
        return _empty(source, what, "agency")
    title, subtitle = _titles(source, what)
    cases: dict[str, int] = defaultdict(int)
    for agency, total in source.rows:
        cases[agency] += total.cases
    ranked = sorted(cases, key=lambda code: (-cases[code], code == "", code))
    others = set(ranked[MAX_AGENCIES:])
    rows = tuple((_OTHERS if code in others else code, total) for code, total in source.rows)
    agencies = sorted({code for code, _t in rows}, key=lambda c: (c == _OTHERS, c == "", c))
    names = {code: code or _("no agency") for code in agencies}
    if others:
        names[_OTHERS] = _("other agencies ({count})").format(count=len(others))
    classes = _split(rows)
    # Every bar when they all fit; else enough to show each agency's largest, few enough for
    # the labels to stay apart.
    needed = sum(
        len({key for key, groups in per_key.items() if groups.get(code)})
        for per_key in classes.values()
        for code in agencies
    )
    each = max(1, min(3, MAX_BARS // max(1, len(agencies) * len(classes))))
    each = needed if needed <= MAX_BARS else each
    panels = []
    for cls, per_key in classes.items():
        forms = {key[1] for key in per_key}
        bars: list[tuple[str, Decimal, str, int]] = []
        legend: dict[str, int] = {}
        for code in agencies:
            mine = {key: {code: g[code]} for key, g in per_key.items() if g.get(code)}
            for label, by, form, style in _ranked(mine, forms, each, styles):
                amount = sum(by.values(), Decimal(0))
                bars.append((f"{names[code]} · {label}", amount, form, style))
                legend.setdefault(label, style)
        word, divisor = _scale(cls, max(amount for _l, amount, _f, _s in bars))
        series = Series(
            "",
            tuple(float(amount / divisor) for _l, amount, _f, _s in bars),
            tuple(_amount(amount, divisor, cls, word, form) for _l, amount, form, _s in bars),
        )
        # Linear from zero, as every bar (see _day_chart); the colour is the substance's.
        axis = _axis_label(cls, word, forms, cumulative=False, log=False)
        categories = tuple(label for label, _a, _f, _s in bars)
        shades = tuple(s for *_r, s in bars)
        panels.append(Panel(axis, False, (series,), categories, shades, tuple(legend.items())))
    return ChartData(title, subtitle, "agency", (), (), tuple(panels), "")
