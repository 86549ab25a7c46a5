"""The one wording of transport modes, detection methods, substances and periods, for every
place that shows them.

The reply, the summary, the export's label columns, the digest and /help all read these tables,
so an officer never sees "vehicle" in one place and "land vehicle" in another. The tables hold
the English words (marked for translation); the functions give them in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from difflib import get_close_matches
from functools import lru_cache

from bot.domain.summary import DateRange, Heading, Period
from bot.domain.units import substance_name
from bot.domain.vocabulary import DETECTION_METHODS, TRANSPORT_MODES
from bot.render.amounts import count_word
from bot.render.i18n import LOCALES, N_, _, current_locale, day, using

TRANSPORT_LABELS = {
    "air_passenger": N_("air passenger"),
    "air_cargo": N_("air cargo"),
    "express_courier": N_("express courier"),
    "postal": N_("postal"),
    "sea_container": N_("sea container"),
    "sea_vessel": N_("sea vessel"),
    "land_vehicle": N_("land vehicle"),
    "rail": N_("rail"),
    "pedestrian": N_("on foot"),
    "other": N_("other"),
}
DETECTION_LABELS = {
    "risk_profiling": N_("risk profiling"),
    "intelligence": N_("intelligence"),
    "random_check": N_("random check"),
    "x_ray": N_("X-ray / scanner"),
    "canine": N_("detector dog"),
    "physical_search": N_("physical search"),
    "other": N_("other"),
}
# Every value the vocabulary knows has a label: a new mode without one fails at import time.
assert set(TRANSPORT_LABELS) == set(TRANSPORT_MODES)
assert set(DETECTION_LABELS) == set(DETECTION_METHODS)


def transport_label(value: str) -> str:
    """'land vehicle' for 'land_vehicle'; an unknown value (an old import) in plain words."""
    label = TRANSPORT_LABELS.get(value)
    return _(label) if label else value.replace("_", " ")


def detection_label(value: str) -> str:
    """'X-ray / scanner' for 'x_ray'; an unknown value in plain words."""
    label = DETECTION_LABELS.get(value)
    return _(label) if label else value.replace("_", " ")


class Remembered(dict[str, str]):
    """A label function's answers, each looked up once: for one file written in one language.

    An export asks for the same few transport and detection words on every row; a lookup in
    the locale's catalogue each time was 7 % of writing the CSV.
    """

    def __init__(self, label: Callable[[str], str]) -> None:
        super().__init__()
        self._label = label

    def __missing__(self, value: str) -> str:
        label = self[value] = self._label(value)
        return label


# The shipped catalogue's substances as readers call them; an id added by the config, or an
# officer's unclassified words, is shown as the domain writes it.
SUBSTANCE_LABELS = {
    "methamphetamine": N_("methamphetamine"),
    "amphetamine": N_("amphetamine"),
    "mdma": N_("MDMA"),
    "cocaine": N_("cocaine"),
    "heroin": N_("heroin"),
    "cannabis": N_("cannabis"),
    "cannabis_resin": N_("cannabis resin"),
    "ketamine": N_("ketamine"),
    "fentanyl": N_("fentanyl"),
    "synthetic_cannabinoids": N_("synthetic cannabinoids"),
    "synthetic_cathinones": N_("synthetic cathinones"),
    "ghb": N_("GHB"),
    "lsd": N_("LSD"),
    "opium": N_("opium"),
    "morphine": N_("morphine"),
    "codeine": N_("codeine"),
    "tramadol": N_("tramadol"),
    "kratom": N_("kratom"),
    "khat": N_("khat"),
    "psilocybin": N_("psilocybin"),
    "ephedrine": N_("ephedrine"),
    "nps": N_("NPS"),
}


_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


def place_label(value: str) -> str:
    """An origin or destination as read: 'Laos (LA)', '라오스(LA)'; other places as written.

    Reports store ISO 3166 codes (exports keep them); a reader took 'LA' for Los Angeles.
    """
    if not _COUNTRY_CODE.match(value):
        return value
    return _country(current_locale(), value)


@lru_cache(maxsize=2048)
def _country(locale: str, code: str) -> str:
    # Babel's territory names per locale, looked up once per language and code; imported here,
    # as bot.render.i18n does, so that starting the bot loads no formatting library.
    from babel import Locale

    name = Locale.parse(locale).territories.get(code)
    return _("{country} ({code})").format(country=name, code=code) if name else code


def substance_label(key: str) -> str:
    """A substance in the reader's words; other keys as substance_name shows them."""
    label = SUBSTANCE_LABELS.get(key)
    return _(label) if label else substance_name(key)


def substance_named(text: str, ids: Collection[str]) -> str | None:
    """The substance whose name, as the bot shows it in any language, or id is `text`, in any
    case and spacing ('synthetic cathinones', 'Synthetic_Cathinones', '합성 카티논'); else None."""
    wanted = _squeezed(text)
    for locale in LOCALES:
        with using(locale):
            for key in ids:
                if wanted in (_squeezed(key), _squeezed(substance_label(key))):
                    return key
    return None


def nearest_substance(typed: list[str], ids: Collection[str]) -> tuple[int, str | None]:
    """Where the substance's name starts in `typed` and the id it is nearest to ('synthetic
    cathinone'), or the last word and None when none is near."""
    names: dict[str, str] = {}
    for locale in LOCALES:
        with using(locale):
            names |= {_squeezed(substance_label(key)): key for key in ids}
    names |= {_squeezed(key): key for key in ids}
    for cut in range(1, len(typed)):
        close = get_close_matches(_squeezed(" ".join(typed[cut:])), list(names), 1, 0.8)
        if close:
            return cut, names[close[0]]
    return len(typed) - 1, None


def _squeezed(text: str) -> str:
    return "".join(text.replace("_", " ").split()).casefold()


def filter_label(key: str, form: str | None) -> str:
    """A summary's substance filter: 'methamphetamine', or 'methamphetamine tablets' for yaba."""
    if form is None:
        return substance_label(key)
    # 'forms' is the counted form's plural word, as the tables show it: 'tablets', '정', 'เม็ด'.
    return _("{substance} {forms}").format(substance=substance_label(key), forms=count_word(form))


def period_label(period: Period, dates: DateRange, phase_name: str | None = None) -> str:
    """The period as a heading: 'Today, 2026-11-22', '최근 7일, 2026. 11. 16. – 2026. 11. 22.'."""
    span = _span(dates)
    if period.kind == "all":
        return _("Whole operation, {span}").format(span=span) if span else _("Whole operation")
    if period.kind == "today":
        return _("Today, {span}").format(span=span)
    if period.kind == "yesterday":
        return _("Yesterday, {span}").format(span=span)
    if period.kind == "week":
        return _("Last 7 days, {span}").format(span=span)
    if period.kind == "month":
        return _("This month so far, {span}").format(span=span)
    if period.kind == "phase":
        if phase_name:
            return _("Phase {name}, {span}").format(name=phase_name, span=span)
        return _("Current phase, {span}").format(span=span)
    return span


def _span(dates: DateRange) -> str:
    if dates.first is None and dates.last is None:
        return ""
    if dates.first == dates.last:
        return day(dates.first) if dates.first else ""
    first = day(dates.first) if dates.first else "…"
    last = day(dates.last) if dates.last else "…"
    return f"{first} – {last}"


def heading_label(heading: Heading) -> str:
    """What a summary or chart covers: its period, as a heading (plain text)."""
    return period_label(heading.period, heading.dates, heading.phase_name)


def heading_filters(heading: Heading) -> list[str]:
    """What a summary or chart is narrowed to, in the reader's words (plain text)."""
    filters = []
    if heading.substance_key is not None:
        filters.append(filter_label(heading.substance_key, heading.substance_form))
    if heading.agency_code is not None:
        filters.append(_("agency {code}").format(code=heading.agency_code))
    return filters
