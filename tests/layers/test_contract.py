"""The layer contract (pyproject.toml's [tool.importlinter]) holds, and breaks on a back-arrow.

The quick loop skips a run whose packages and pyproject.toml are as they were when it last
passed (tests/layers/verdicts.py).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.layers.verdicts import Verdicts

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("bot", "handlers", "storage", "fakegram")


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports run from `root`, which it reads the packages and the contract from."""
    return subprocess.run(
        [str(LINT), "--no-cache"], cwd=root, capture_output=True, text=True, timeout=300
    )


def tree(into: Path) -> Path:
    """A copy of the project's packages and pyproject.toml to break."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, into / package, ignore=shutil.ignore_patterns("__py*"))
    shutil.copy(ROOT / "pyproject.toml", into / "pyproject.toml")
    return into


def read() -> list[Path]:
    """The files lint-imports reads: the packages' modules and pyproject.toml."""
    modules = [path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))]
    return [*modules, ROOT / "pyproject.toml"]


def test_the_layers_hold(tmp_path: Path, request: pytest.FixtureRequest):
    kept = Verdicts(request.config, "contract-holds")
    if kept.holds("holds"):
        return
    result = lint(tree(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    kept.passed({"holds": read()})


@pytest.mark.parametrize(
    ("module", "arrow", "refusal"),
    [
        (
            "bot/domain/units.py",
            "import storage.checks",
            "bot.domain is not allowed to import storage",
        ),
        (
            "bot/domain/units.py",
            "import bot.render.labels",
            "bot.domain is not allowed to import bot.render",
        ),
        (
            "bot/parsing/tokens.py",
            "import telegram",
            "bot.parsing is not allowed to import telegram",
        ),
        (
            "bot/render/labels.py",
            "import bot.outbox",
            "bot.render is not allowed to import bot.outbox",
        ),
        (
            "storage/checks.py",
            "import bot.render.labels",
            "storage is not allowed to import bot.render",
        ),
        (
            "storage/checks.py",
            "import bot.parsing.tokens",
            "storage is not allowed to import bot.parsing",
        ),
        ("bot/outbox.py", "import sqlite3", "bot is not allowed to import sqlite3"),
        ("handlers/chats.py", "import aiosqlite", "handlers is not allowed to import aiosqlite"),
        (
            "handlers/chats.py",
            "import fakegram.types",
            "handlers is not allowed to import fakegram",
        ),
    ],
)
def test_a_back_arrow_breaks_the_contract(
    tmp_path: Path, request: pytest.FixtureRequest, module: str, arrow: str, refusal: str
):
    which = hashlib.sha256(f"{module} {arrow} {refusal}".encode()).hexdigest()[:16]
    kept = Verdicts(request.config, f"contract-arrow-{which}")
    if kept.holds("breaks"):
        return
    path = tree(tmp_path) / module
    path.write_text(path.read_text() + f"\n{arrow}  # a back-arrow\n")
    result = lint(tmp_path)
    assert result.returncode != 0
    assert refusal in result.stdout, result.stdout
    kept.passed({"breaks": read()})
