"""Fixtures shared across folders: the running bot against the local Bot API (tests/e2e)."""

from tests.e2e.conftest import api, bot, siren  # noqa: F401 - re-exported as fixtures
