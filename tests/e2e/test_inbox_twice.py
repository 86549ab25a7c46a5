"""An update taken up from the inbox after a restart, and sent again by Telegram, is handled once:
the officer gets no second acknowledgement.

A killed run leaves an update kept and maybe not confirmed: the next run takes it up from the
inbox and Telegram sends it again too. Both copies used to be handled, one after the other, and
the officer got two identical acknowledgements, each with its own Undo button.
"""

from __future__ import annotations

import json

from bot.demo import GROUP, KCS_OFFICER
from storage import inbox as inbox_store
from storage.database import Database
from tests.e2e import conftest as harness
from tests.e2e.conftest import START, Harness

REPORT = "/seizure 3kg cocaine at ICN"


def _acks(siren: Harness, mark: int) -> list[str]:
    return [
        str(c.result["text"])
        for c in siren.api.calls[mark:]
        if c.method == "sendMessage"
        and isinstance(c.result, dict)
        and str(c.result.get("text", "")).startswith("✅ Recorded report")
    ]


async def test_an_update_taken_up_from_the_inbox_and_sent_again_is_acknowledged_once(
    siren: Harness,
) -> None:
    await harness.stop_bot(siren.app)
    mark = siren.api.mark()
    siren.api.send_text(KCS_OFFICER, GROUP, REPORT)
    update_id = siren.api.newest_update_id()
    # The killed run kept the update and died before its next getUpdates confirmed it.
    db = await Database.open(siren.db_path)
    try:
        body = json.dumps(siren.api._updates_by_id[update_id])
        await inbox_store.keep(db, update_id=update_id, body=body, now=START)
    finally:
        await db.close()
    assert siren.api.pending_update_count == 1  # Telegram sends it again
    siren.app = await harness.start_bot(
        siren.api, harness.make_config(siren.db_path.parent), siren.clock
    )
    try:
        await siren.api.wait_confirmed(update_id, after=mark)  # the copy was fetched and taken
        await siren.talk.say(KCS_OFFICER, "/mine", GROUP)
        assert len(await siren.rows("SELECT id FROM seizure")) == 1
    finally:
        await harness.stop_bot(siren.app)
    acks = _acks(siren, mark)
    assert len(acks) == 1 and acks[0].startswith("✅ Recorded report SIREN #1 for KCS"), acks
