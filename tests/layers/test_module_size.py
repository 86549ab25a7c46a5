"""No module over 400 lines: a module that size is two jobs, and the folder should show both."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "storage", "fakegram")
LIMIT = 400


def sizes() -> dict[str, int]:
    """Lines per module of the packages, by path from the project's root."""
    return {
        path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
    }


def test_no_module_is_over_the_limit() -> None:
    too_long = {name: lines for name, lines in sorted(sizes().items()) if lines > LIMIT}
    assert not too_long, f"over {LIMIT} lines: {too_long}"
