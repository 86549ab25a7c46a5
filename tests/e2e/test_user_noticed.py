"""Small things users noticed, each seen where the user sees it (session 12's review).

Each failed on the code before it: an edit from '1kg meth' to '1 kg meth' (or '1 KG') was
recorded as a correction.
"""

from __future__ import annotations

from bot.demo import GROUP, KCS_OFFICER
from fakegram.calls import EDIT_METHODS
from tests.e2e.conftest import Harness


async def test_an_edit_that_only_spaces_or_cases_the_amount_is_no_correction(
    siren: Harness,
) -> None:
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/seizure 1kg meth at ICN")
    ack = await cursor.next()
    for text in (
        "/seizure 1 kg meth at ICN",
        "/seizure 1 KG meth at ICN",
        "/seizure  1  Kg   METH  at  ICN ",
        "/seizure 2kg meth at ICN",  # a real correction, last: when it shows, all are handled
    ):
        mark = siren.api.mark()
        siren.api.edit_text(KCS_OFFICER, GROUP, int(sent["message_id"]), text)
    await siren.api.wait_for(
        lambda c: c.method in EDIT_METHODS and c.delivered and "2 kg" in c.result["text"],
        after=mark,
    )
    corrections = await siren.rows(
        "SELECT json_extract(detail, '$.old_text') AS old, json_extract(detail, '$.text') AS new"
        " FROM audit_log WHERE action = 'seizure.correct' ORDER BY id"
    )
    # Before: three corrections more, the first of them "✏️ Corrected" on the acknowledgement.
    assert corrections == [{"old": "/seizure 1kg meth at ICN", "new": "/seizure 2kg meth at ICN"}]
    edits = [c for c in siren.api.calls if c.method in EDIT_METHODS]
    assert [c.params.get("message_id") for c in edits] == [ack["message_id"]]
    history = await siren.talk.text(KCS_OFFICER, "/show 1")
    assert history.count("corrected by") == 1, history
    assert "“1kg” → “2kg”" in history, history
