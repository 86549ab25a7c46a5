"""Reports of an import not yet finished: written, but out of every answer until it is."""

from __future__ import annotations

# Pending batches are few (one running import at most, or one a killed import left), so SQLite
# reads this list once per statement and checks each report against it.
_PENDING = "SELECT id FROM import_batch WHERE finished_at IS NULL"


def counted_visible(alias: str = "") -> str:
    """visible(), for long reads of the counted reports: no check per row while no import runs.

    SQLite answers the uncorrelated EXISTS once per statement, so with no import pending (most
    of the time) the list is never looked in: a third of the CPU of 25,000 report_count rows.
    """
    return f"(NOT EXISTS ({_PENDING}) OR {visible(alias)})"


def visible(alias: str = "") -> str:
    """SQL that holds for a report sent to the bot or brought in by a finished import."""
    column = f"{alias}.import_id" if alias else "import_id"
    return f"coalesce({column}, 0) NOT IN ({_PENDING})"


# Finished batches whose totals are still staged (storage/import_totals.py): they count.
SHOWN = "SELECT id FROM import_batch WHERE staged = 1 AND finished_at IS NOT NULL"
# The agencies an unfinished import added (`import_batch.agencies`): they show, and can be named
# in an invite or a filter, only once its reports do; a killed import's are removed with them.
_PENDING_AGENCIES = (
    "SELECT j.value FROM import_batch AS b, json_each(b.agencies) AS j WHERE b.finished_at IS NULL"
)


def agency_visible(alias: str = "") -> str:
    """SQL that holds for an agency not added by an import still running or killed."""
    column = f"{alias}.id" if alias else "id"
    return f"{column} NOT IN ({_PENDING_AGENCIES})"
