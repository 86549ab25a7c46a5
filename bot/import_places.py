"""An older export's places longer than a place may be now: imported cut, and said.

Typed, a place (location, origin, destination) longer than PLACE_MAX characters is refused
(bot.parsing.places); before that rule, such a place was recorded, and exported. Its report
is no bad row: refusing it would refuse the whole file, all or nothing. So it is imported with
the place cut to its first words that fit, as the bot's own example cuts it, and the report's
text kept as written; each cut is one line of the import's report, after its count.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bot.domain.seizure import PLACE_MAX
from bot.import_checks import _Report
from bot.parsing.places import shortened

# A report's values: location, origin and destination (bot.import_checks._report_values).
_PLACES = ((5, "location"), (6, "origin"), (7, "destination"))
SHOWN = 20  # cuts said one by one; the rest counted


def places_cut(reports: Iterator[_Report | str], said: list[str]) -> Iterator[_Report | str]:
    """The reports, each place longer than PLACE_MAX cut to fit; a line for each in `said`."""
    for report in reports:
        if isinstance(report, _Report):
            # Spelled out: a million reports go through here, nearly all with short places.
            location, origin, destination = report.values[5:8]
            if (
                (location is not None and len(location) > PLACE_MAX)
                or (origin is not None and len(origin) > PLACE_MAX)
                or (destination is not None and len(destination) > PLACE_MAX)
            ):
                report.values = _cut(report, said)
        yield report


def _cut(report: _Report, said: list[str]) -> tuple[Any, ...]:
    values = list(report.values)
    for at, column in _PLACES:
        place = values[at]
        if place is not None and len(place) > PLACE_MAX:
            values[at] = shortened(place)
            said.append(
                f"row {report.row}, {column}: {len(place):,} characters, more than a place may"
                f" have ({PLACE_MAX}); imported as '{values[at]}' (the report's text is kept"
                " as written)"
            )
    return tuple(values)


def cut_lines(said: list[str]) -> list[str]:
    """The lines the import's report shows of the places cut."""
    if len(said) <= SHOWN:
        return said
    return [*said[:SHOWN], f"... and {len(said) - SHOWN:,} more places cut the same way."]
