"""Fixtures shared across folders, and the `slow` mark that `dev.py test --quick` leaves out."""

from pathlib import Path

import pytest

from tests.e2e.conftest import api, bot, siren  # noqa: F401 - re-exported as fixtures

# The reliability runs that start processes, kill them or generate hundreds of conversations:
# minutes, not seconds. Everything else is the quick loop.
SLOW = frozenset(
    {"test_crash.py", "test_faults.py", "test_bad_input.py", "test_isolation.py", "test_backup.py"}
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow reliability suites, so `-m "not slow"` is the quick loop."""
    for item in items:
        if Path(str(item.fspath)).name in SLOW:
            item.add_marker(pytest.mark.slow)
