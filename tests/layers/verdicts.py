"""The layer checks' passing verdicts, kept in the quick loop for sources that have not changed.

The import-first check and the contract's lint-imports runs take about 11 s of processor time
(fresh interpreters importing every module again and again), the same 11 s after an edit to a
test or to a file outside the packages as after one to bot/. Their verdicts depend only on the
files they read and the installed packages: the quick loop (OCU_QUICK=1) keeps each passing
verdict in pytest's cache (.pytest_cache/) under the digest of those files and of the
environment, and skips the run when every file is as it was. Failures are never kept, and the
full run (`dev.py test`, CI) always runs them afresh.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.examples import QUICK


@cache
def environment() -> str:
    """The interpreter and every installed distribution with its version."""
    names = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    return hashlib.sha256("\n".join([sys.version, sys.executable, *names]).encode()).hexdigest()


def digest(paths: Iterable[Path]) -> dict[str, str]:
    """Each file's SHA-256, by path (a missing file reads as missing)."""
    out = {}
    for path in paths:
        try:
            out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            out[str(path)] = "missing"
    return out


class Verdicts:
    """Passing verdicts under a name, each with the digests of the files it read."""

    def __init__(self, config: pytest.Config, name: str) -> None:
        store = getattr(config, "cache", None) if QUICK else None
        self._store = store
        self._key = f"ocu/layers/{name}"
        kept = store.get(self._key, None) if store is not None else None
        if not isinstance(kept, dict) or kept.get("environment") != environment():
            kept = {"environment": environment(), "verdicts": {}}
        self._kept: dict[str, Any] = kept

    def holds(self, what: str) -> bool:
        """A passing verdict on `what` is kept and every file it read is unchanged."""
        files = self._kept["verdicts"].get(what)
        if self._store is None or not isinstance(files, dict):
            return False
        return digest(Path(p) for p in files) == files

    def passed(self, read: dict[str, Iterable[Path]]) -> None:
        """Each of `read`'s keys passed, having read the files it maps to."""
        if self._store is not None and read:
            for what, files in read.items():
                self._kept["verdicts"][what] = digest(files)
            self._store.set(self._key, self._kept)
