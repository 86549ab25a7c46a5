"""The bot starts without the chart and file libraries: they load with the first chart or file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "matplotlib",
    "numpy",
    "PIL",
    "openpyxl",
    "xlsxwriter",
    "fpdf",
    "fontTools",
    "pydantic_settings",
)


@pytest.mark.parametrize("module", ["bot.runner", "bot.app", "bot.__main__", "handlers"])
def test_starting_the_bot_loads_no_chart_or_file_library(module: str) -> None:
    # A fresh interpreter: this test process may already hold them from other tests.
    code = (
        f"import json, sys, {module}\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


# The bot's own modules for a chart, an export or the pack: loaded by the first such command.
OWN_LATER = (
    "bot.chart",
    "bot.debrief",
    "bot.exporting",
    "bot.render.chart",
    "bot.render.chart_draw",
    "bot.render.export",
    "bot.render.workbook",
    "storage.chart",
    "storage.export",
)


@pytest.mark.parametrize("module", ["bot.runner", "bot.app", "handlers"])
def test_starting_the_bot_loads_none_of_its_chart_export_or_pack_code(module: str) -> None:
    code = (
        f"import json, sys, {module}\n"
        f"print(json.dumps(sorted(set(sys.modules) & set({OWN_LATER!r}))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


# Babel's formatting modules load with the first date or number written (#16), not to poll.
LATER_AT_START = (*HEAVY, "babel.dates", "babel.numbers", "babel.lists", "babel.core")


def test_the_built_application_has_loaded_no_formatting_chart_or_file_library() -> None:
    # Built as `python -m bot run` builds it before the first getUpdates: config, handlers, app.
    code = (
        "import json, sys\n"
        "from bot.config import load_config\n"
        "from bot.app import build_application\n"
        "build_application(load_config(None), token='1:abc')\n"
        f"print(json.dumps(sorted(set(sys.modules) & set({LATER_AT_START!r}))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
