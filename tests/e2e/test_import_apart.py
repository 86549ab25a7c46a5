"""An import keeps operations apart: an imported report never reaches into the operation it came
from (its group's acknowledgement, its officer), and exercise reports never join live ones."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER, invite_code
from bot.export_cli import main as export_main
from fakegram.types import FakeChat, FakeUser
from tests.e2e.conftest import Harness
from tests.e2e.test_import import run_import

TOM = FakeUser(2002, "Tom", "Tundra", username="tom_t")
IVAN = FakeUser(2003, "Ivan", "Ice", username="ivan_i")
TUNDRA_GROUP = FakeChat(-100900900, "group", title="TUNDRA OCU")
IVANS_REPORT = "/s 100kg meth at SVO from CN to RU via rail in coal detected by canine"


async def _tundra(h: Harness) -> None:
    """A second operation, TUNDRA, with its own coordinator, officer and group."""
    say = h.talk.say
    await say(ADMIN, '/operation new TUNDRA "Operation Tundra" Europe/Moscow')
    await say(ADMIN, "/use TUNDRA")
    await say(ADMIN, '/agency add FCS "Fed Customs" Europe/Moscow')
    for user, invite in ((TOM, "/invite coordinator"), (IVAN, "/invite officer FCS")):
        await say(user, f"/start {invite_code(await h.talk.text(ADMIN, invite))}")
    await say(TOM, "/bind TUNDRA", TUNDRA_GROUP)
    await say(ADMIN, "/use SIREN")


async def _export(h: Harness, code: str, out: Path) -> None:
    argv = ["--operation", code, "--out", str(out), "--db", str(h.db_path)]
    status = await asyncio.to_thread(export_main, argv, stdout=io.StringIO(), stderr=io.StringIO())
    assert status == 0


def _shown(h: Harness, message_id: int) -> str:
    """The text TUNDRA's group now sees in this message."""
    return next(
        str(m["text"]) for m in h.api.sent_messages(TUNDRA_GROUP) if m["message_id"] == message_id
    )


async def _nothing_reached_tundra(h: Harness, mark: int) -> None:
    # Kim's next message waits for her /void (or /restore) to be done: one chat, in order.
    await h.talk.say(COORDINATOR, "/help")
    reached = [
        (c.method, c.params.get("chat_id"))
        for c in h.api.calls[mark:]
        if c.params.get("chat_id") in (TUNDRA_GROUP.id, IVAN.id)
    ]
    assert reached == []


async def test_voiding_an_imported_report_leaves_the_operation_it_came_from_alone(
    siren: Harness, tmp_path: Path
) -> None:
    await _tundra(siren)
    ack = await siren.talk.say(IVAN, IVANS_REPORT, TUNDRA_GROUP)
    assert ack["text"].startswith("✅ Recorded report TUNDRA #1 for FCS:")
    await _export(siren, "TUNDRA", tmp_path / "tundra.csv")
    status, _, err = await run_import(siren, tmp_path / "tundra.csv", "SIREN")
    assert (status, err) == (0, "")
    # The copy in SIREN has no acknowledgement: TUNDRA's is TUNDRA's.
    assert await siren.rows(
        "SELECT number, reply_chat_id, reply_message_id FROM seizure WHERE operation_id = 1"
    ) == [{"number": 1, "reply_chat_id": None, "reply_message_id": None}]

    mark = siren.api.mark()
    voided = await siren.talk.text(COORDINATOR, "/void 1 imported wrong")
    assert voided.startswith("❌ Report SIREN #1 voided (imported wrong)")
    # Before: TUNDRA's group saw its ack turned into "Recorded report SIREN #1 ... Voided", and
    # Ivan, no member of SIREN, was told "Your report SIREN #1 was voided by Kim".
    await _nothing_reached_tundra(siren, mark)
    assert _shown(siren, ack["message_id"]) == ack["text"]


async def test_a_report_imported_earlier_with_tundras_ack_still_never_touches_it(
    siren: Harness, tmp_path: Path
) -> None:
    """What an older import left (the source's chat and message): the bot checks before using it."""
    await _tundra(siren)
    ack = await siren.talk.say(IVAN, IVANS_REPORT, TUNDRA_GROUP)
    await _export(siren, "TUNDRA", tmp_path / "tundra.csv")
    assert (await run_import(siren, tmp_path / "tundra.csv", "SIREN"))[0] == 0
    await siren.db.write(
        lambda conn: conn.execute(
            "UPDATE seizure SET reply_chat_id = ?, reply_message_id = ? WHERE operation_id = 1",
            (TUNDRA_GROUP.id, ack["message_id"]),
        )
    )
    mark = siren.api.mark()
    assert (await siren.talk.text(COORDINATOR, "/void 1 imported wrong")).startswith("❌")
    assert "restored" in await siren.talk.text(COORDINATOR, "/restore 1 after all")
    await _nothing_reached_tundra(siren, mark)
    assert _shown(siren, ack["message_id"]) == ack["text"]


def _marked_exercise(path: Path, exercise: str) -> None:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    column = rows[0].index("exercise")
    for row in rows[1:]:
        row[column] = exercise
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8-sig"))


async def test_exercise_and_live_reports_never_mix_through_an_import(
    siren: Harness, tmp_path: Path
) -> None:
    await siren.talk.say(KCS_OFFICER, "/s 2kg meth at ICN", GROUP)
    await siren.talk.say(ADMIN, '/operation new DRILL "Drill" Asia/Seoul exercise')
    await siren.talk.say(ADMIN, '/operation new TUNDRA "Operation Tundra" Europe/Moscow')
    live = tmp_path / "SIREN-reports.csv"
    await _export(siren, "SIREN", live)
    before = await siren.rows("SELECT count(*) AS n FROM seizure")

    status, out, err = await run_import(siren, live, "DRILL")
    assert (status, out) == (2, "")
    assert err == (
        "Refused: SIREN-reports.csv holds live reports and DRILL is an exercise; an exercise"
        " never mixes with live reports. Import it into a live operation instead:"
        ' /operation new SIREN-LIVE "Operation" Asia/Seoul, then'
        " python -m bot import SIREN-reports.csv --operation SIREN-LIVE\n"
    )

    exercise = tmp_path / "EXERCISE-SIREN-reports.csv"
    exercise.write_bytes(live.read_bytes())
    _marked_exercise(exercise, "yes")  # as an exercise's export writes every row
    status, out, err = await run_import(siren, exercise, "TUNDRA")
    assert (status, out) == (2, "")
    assert err == (
        "Refused: EXERCISE-SIREN-reports.csv holds exercise reports and TUNDRA is a live"
        " operation; an exercise never mixes with live reports. Import it into an exercise"
        ' instead: /operation new SIREN-EX "Exercise" Europe/Moscow exercise, then'
        " python -m bot import EXERCISE-SIREN-reports.csv --operation SIREN-EX\n"
    )
    # Nothing written: no report, no batch begun.
    assert await siren.rows("SELECT count(*) AS n FROM seizure") == before
    assert await siren.rows("SELECT count(*) AS n FROM import_batch") == [{"n": 0}]
    # Each into its own kind goes in.
    assert (await run_import(siren, exercise, "DRILL"))[0] == 0
    assert (await run_import(siren, live, "TUNDRA"))[0] == 0
