"""/alias alone lists the operation's aliases; /alias rm WORDS removes one, its past items read
again as without it. Before, /alias could neither list nor remove: both were usage errors."""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
from bot.render import replies as render
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness

PRIVATE = FakeChat.private(COORDINATOR)


async def test_alias_alone_lists_each_alias_with_who_set_it_and_when(siren: Harness) -> None:
    assert await siren.talk.text(COORDINATOR, "/alias") == (
        "SIREN has no aliases. Map an unclassified name with /alias WORDS CANONICAL, "
        "e.g. /alias zombie dust synthetic_cathinones"
    )
    await siren.talk.say(COORDINATOR, "/alias Zombie  Dust synthetic_cathinones")
    await siren.talk.say(COORDINATOR, "/alias glorp meth")
    for asked in ("/alias", "/alias list"):
        listed = await siren.talk.text(COORDINATOR, asked, GROUP)
        assert listed == (
            "Aliases of SIREN:\n"
            '• "glorp" → methamphetamine · set by Kim Min-jun (@kim_ocu), Fri 20 Nov 09:30\n'
            '• "zombie dust" → synthetic cathinones · set by Kim Min-jun (@kim_ocu), '
            "Fri 20 Nov 09:30\n"
            "Remove one with /alias rm WORDS: the past items it classified go back to "
            "unclassified, under their words."
        ), listed


async def test_removing_an_alias_unclassifies_what_it_classified_past_and_future(
    siren: Harness,
) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg zombie at ICN", GROUP)
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg cocaine at ICN", GROUP)
    await siren.talk.say(COORDINATOR, "/alias zombie methamphetamine")
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg Zombie at ICN", GROUP)
    said = await siren.talk.text(COORDINATOR, "/alias rm zombie")
    assert said == (
        '"zombie" no longer counts as methamphetamine. 2 past items it had classified are '
        'unclassified again, as "zombie", and future reports leave it unclassified. To count '
        "them as another substance instead: /alias zombie CANONICAL"
    )
    rows = await siren.rows("SELECT substance, substance_text FROM seizure_item ORDER BY id")
    assert rows == [
        {"substance": None, "substance_text": "zombie"},
        {"substance": "cocaine", "substance_text": None},
        # As the alias kept its words beside the id: in its own, normalised, spelling.
        {"substance": None, "substance_text": "zombie"},
    ]
    assert await siren.rows("SELECT * FROM substance_alias") == []
    summary = await siren.talk.text(COORDINATOR, "/summary")
    assert "methamphetamine" not in summary, summary
    assert '"zombie"' in summary and "3 kg" in summary, summary
    later = await siren.talk.text(KCS_OFFICER, "/seizure 4kg zombie at ICN", GROUP)
    assert '4 kg "zombie" (unclassified)' in later, later
    again = await siren.talk.text(COORDINATOR, "/alias rm zombie")
    assert again == '"zombie" is not an alias here. /alias lists them, e.g. /alias rm zombie dust'
    assert await siren.talk.text(COORDINATOR, "/alias remove") == (
        "Which alias? /alias lists them, e.g. /alias rm zombie dust"
    )
    audit = await siren.rows(
        "SELECT json_extract(detail, '$.past_items') AS n FROM audit_log"
        " WHERE action = 'alias.remove'"
    )
    assert audit == [{"n": 2}]


async def test_an_alias_removal_delivered_twice_is_done_once(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg zombie at ICN", GROUP)
    await siren.talk.say(COORDINATOR, "/alias zombie methamphetamine")
    cursor = siren.api.cursor(PRIVATE)
    siren.api.send_text(COORDINATOR, PRIVATE, "/alias rm zombie")
    first = await cursor.next()
    siren.api.redeliver(max(siren.api._updates_by_id))
    second = await cursor.next()
    assert str(first["text"]).startswith('"zombie" no longer counts as methamphetamine. 1 past')
    assert second["text"] == render.REPEATED
    removals = await siren.rows("SELECT count(*) AS n FROM audit_log WHERE action = 'alias.remove'")
    assert removals == [{"n": 1}]
