"""An exercise never mixes with live reports: an import across that line is refused whole.

The spec keeps an exercise operation apart from live ones; an export says on every row whether
its operation was an exercise, and the import compares that with the operation it goes into.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bot.domain.unit import Operation
from bot.import_checks import _I, _Reader, _Report


class Refused(Exception):
    """The import is refused before anything is written (exit status 2), with one line why."""


def kept_apart(
    reports: Iterator[_Report | str], source: _Reader, operation: Operation, path: Path
) -> Iterator[_Report | str]:
    """The reports, as they come; Refused at the first of the other kind (exercise or live)."""
    for report in reports:
        # A file without the column (cut down by hand) cannot say; /export always writes it.
        if isinstance(report, _Report) and source.exercise_column:
            exercise = report.cells[_I["exercise"]] == "yes"
            if exercise != operation.exercise:
                raise Refused(_refusal(path, operation, report, exercise=exercise))
        yield report


def _refusal(path: Path, operation: Operation, report: _Report, *, exercise: bool) -> str:
    name, code, tz = path.name, operation.code, operation.tz
    source = report.cells[_I["operation"]].upper()
    if exercise:
        other = f"{source}-EX"[:16] if source[:1].isalpha() else "DRILL"
        return (
            f"Refused: {name} holds exercise reports and {code} is a live operation; an exercise"
            f" never mixes with live reports. Import it into an exercise instead:"
            f' /operation new {other} "Exercise" {tz} exercise, then'
            f" python -m bot import {name} --operation {other}"
        )
    other = f"{source}-LIVE"[:16] if source[:1].isalpha() else "LIVE"
    return (
        f"Refused: {name} holds live reports and {code} is an exercise; an exercise never mixes"
        f" with live reports. Import it into a live operation instead:"
        f' /operation new {other} "Operation" {tz}, then'
        f" python -m bot import {name} --operation {other}"
    )
