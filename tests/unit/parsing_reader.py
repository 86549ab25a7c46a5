"""The parser's tests read a report as of a fixed day: what it records, or the refusal it gets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from bot.domain.catalogue import Catalogue
from bot.parsing import ParseError, SeizureReport, parse_seizure

CATALOGUE = Catalogue.load()


@dataclass(frozen=True)
class Reader:
    """Reports read with the shipped catalogue on `today`."""

    today: date

    def parse(self, text: str) -> SeizureReport:
        return parse_seizure(text, catalogue=CATALOGUE, today=self.today)

    def error(self, text: str) -> str:
        """The reason a report that records nothing is refused."""
        with pytest.raises(ParseError) as caught:
            self.parse(text)
        return str(caught.value)
