"""What the repository tracks: no environment, and no link out of the checkout.

A worktree's `.venv`, a link to the main checkout's environment, was once committed with a fix
(.gitignore's '.venv/' matched a directory only): every fresh clone then had a `.venv` pointing
at one machine's path, and `python3 dev.py test` failed at its first line.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _tracked() -> list[tuple[str, str]]:
    """(mode, path) of every file git tracks here; none outside a git checkout."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        return []
    listed = subprocess.run(
        ["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return [(line.split()[0], line.split("\t", 1)[1]) for line in listed.splitlines()]


def test_no_environment_or_cache_is_tracked() -> None:
    made = (".venv", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", "sandbox-data")
    tracked = [path for _, path in _tracked() if any(part in made for part in Path(path).parts)]
    assert tracked == []


def test_no_tracked_link_leads_out_of_the_checkout() -> None:
    links = [path for mode, path in _tracked() if mode == "120000"]
    outside = [p for p in links if not (ROOT / p).resolve().is_relative_to(ROOT.resolve())]
    assert outside == []
