"""The folder where pytest-xdist's processes share the seeded packs (test_debrief.seeded_pack)."""

from __future__ import annotations

import os

import pytest

from tests.debrief import test_debrief


@pytest.fixture(scope="session", autouse=True)
def _packs_shared_by_the_run(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Under pytest-xdist, each process's temporary folder is inside the run's own: packs laid
    out there are read by the run's other processes and removed with the run's files."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        test_debrief.SHARED[:] = [tmp_path_factory.getbasetemp().parent]
