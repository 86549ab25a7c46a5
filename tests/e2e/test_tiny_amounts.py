"""A tiny amount is stored, exported and imported back as the plain decimal the officer typed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bot.demo import COORDINATOR, KCS_OFFICER
from fakegram.types import FakeChat
from tests.e2e import conftest as harness
from tests.e2e.test_clock import say
from tests.storage.test_export_import import empty_operation, run_import


async def test_a_tiny_amount_is_exported_plain_and_imports_back(
    siren: harness.Harness, tmp_path: Path
) -> None:
    await say(siren, "/seizure 0.0000001 ml ketamine at ICN", who=KCS_OFFICER)
    # Before: str(Decimal) stored and exported '1E-7', which the importer refuses.
    (row,) = await siren.rows("SELECT amount FROM seizure_item")
    assert row["amount"] == "0.0000001"
    coordinator = FakeChat.private(COORDINATOR)
    mark = siren.api.mark()
    siren.api.send_text(COORDINATOR, coordinator, "/export csv")
    call = await siren.api.wait_for(
        lambda c: c.method == "sendDocument" and c.delivered, after=mark
    )
    content = next(iter(call.files.values())).content
    (report,) = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    assert report["amount"] == "0.0000001"
    (tmp_path / "reports.csv").write_bytes(content)
    target = tmp_path / "target.sqlite3"
    await empty_operation(target, code="TUNDRA")
    code, out, err = await run_import(
        [str(tmp_path / "reports.csv"), "--operation", "TUNDRA", "--db", str(target)]
    )
    assert (code, err) == (0, ""), err
    assert out.startswith("Imported 1 report (1 item) into TUNDRA")
