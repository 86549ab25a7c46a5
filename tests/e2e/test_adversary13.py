"""What a second adversary found (session 13): a long note's correction cut at 4,096
characters, an edit forged under another person's report, another bot's command in private,
and long lists cut at 4,096 characters instead of sent in parts or as a file.

Each drives the real Application through fakegram and asserts what people read, or what is
stored.
"""

from __future__ import annotations

import copy

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER
from fakegram.calls import MessageCursor
from fakegram.types import FakeChat, JSONDict, detect_entities
from tests.e2e.conftest import Harness

LIMIT = 4096
CLOSING = "Wrong? Edit your message to correct it, or press Undo."
ITEMS = "/s " + " + ".join(f"{n}kg zombiedust{n}" for n in range(1, 196))


def _size(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _read(message: JSONDict) -> str:
    text = str(message.get("text") or message.get("caption") or "")
    assert _size(text) <= LIMIT, _size(text)
    return text


async def test_a_long_notes_correction_is_fitted_as_its_acknowledgement_was(
    siren: Harness,
) -> None:
    report = "/s 2kg meth note=" + "<&>" * 1360
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, report)
    ack = _read(await cursor.next())
    assert ack.endswith(CLOSING), ack[-200:]
    mark = siren.api.mark()
    siren.api.edit_text(KCS_OFFICER, GROUP, int(sent["message_id"]), report + "x")
    edited = await siren.api.wait_for_edit(GROUP, after=mark)
    text = _read(edited)
    # Before: the whole note, cut at 4,096 characters with "…", its closing line gone.
    assert text.startswith("✏️ Corrected report SIREN #1 for KCS:\n• 2 kg methamphetamine\n")
    assert text.endswith(CLOSING), text[-200:]
    note = text.split("\n")[2]
    assert note.startswith("note: <&><&>") and note.endswith("…") and len(note) < 60, note


async def test_an_edit_forged_under_another_persons_report_changes_nothing(
    siren: Harness,
) -> None:
    sent = await siren.talk.say(KCS_OFFICER, "/s 4kg heroin at ICN", GROUP)
    (row,) = await siren.rows("SELECT message_id FROM seizure")
    original = copy.deepcopy(siren.api._messages[(GROUP.id, int(str(row["message_id"])))])
    forged = {**original, "from": TCD_OFFICER.to_dict(), "text": "/s 40kg heroin"}
    forged["edit_date"] = int(original["date"]) + 5
    forged["entities"] = detect_entities(forged["text"])
    cursor = siren.api.cursor(GROUP)
    siren.api.add_raw_update({"edited_message": forged})
    # Updates of one chat are handled in order: the next answer comes after the forged edit's.
    siren.api.send_text(KCS_OFFICER, GROUP, "/mine")
    said = str((await cursor.next()).get("text"))
    # Before: a second report, 40 kg of heroin, recorded for the Thai officer.
    assert said == "I sent it to you in our private chat.", said
    rows = await siren.rows("SELECT officer_id, text FROM seizure")
    assert rows == [{"officer_id": KCS_OFFICER.id, "text": "/s 4kg heroin at ICN"}]
    assert "Recorded" in str(sent.get("text"))


async def test_another_bots_command_in_private_says_whose_it_is(siren: Harness) -> None:
    said = await siren.talk.text(COORDINATOR, "/summary@OtherBot week")
    # Before: "I do not know /summary. /help lists what you can do."
    assert said == (
        "/summary@OtherBot is addressed to @OtherBot, not to me (@OcuBot). "
        "To ask me, send: /summary week"
    )
    said = await siren.talk.text(COORDINATOR, "/weather@OtherBot")
    assert said == (
        "/weather@OtherBot is addressed to @OtherBot, not to me (@OcuBot). "
        "/help lists what you can do."
    )
    # In a group another bot's command stays that bot's: nothing is said.
    cursor = siren.api.cursor(GROUP)
    siren.api.send_text(COORDINATOR, GROUP, "/summary@OtherBot")
    siren.api.send_text(KCS_OFFICER, GROUP, "/mine")
    assert (await cursor.next()).get("text") == "I sent it to you in our private chat."


async def _long_report(siren: Harness) -> None:
    ack = await siren.talk.text(KCS_OFFICER, ITEMS, GROUP)
    assert "195 items, in all 19,110 kg." in ack, ack


async def _parts(cursor: MessageCursor, first: JSONDict | None = None) -> str:
    """The numbered parts of one answer, read in order, each within the limit and whole."""
    texts = [_read(first or await cursor.next())]
    total = int(texts[0][1 : texts[0].index(")")].split("/")[1])  # '(1/3) …'
    texts += [_read(await cursor.next()) for _ in range(total - 1)]
    assert all(t.startswith(f"({n}/{total}) ") for n, t in enumerate(texts, 1)), texts
    assert all(not t.rstrip().endswith("…") for t in texts), [t[-80:] for t in texts]
    return "".join(texts)


async def test_mine_in_private_goes_in_parts_not_cut(siren: Harness) -> None:
    await _long_report(siren)
    private = FakeChat.private(KCS_OFFICER)
    cursor = siren.api.cursor(private)
    siren.api.send_text(KCS_OFFICER, private, "/mine")
    # Before: one message cut at 4,096 characters, ending in "…".
    whole = await _parts(cursor)
    assert '195 kg "zombiedust195"' in whole, whole[-300:]


async def test_the_groups_void_and_restore_notices_go_in_parts_not_cut(siren: Harness) -> None:
    await _long_report(siren)
    for command, head in (("/void 1 entered twice", "❌ Report SIREN #1 voided"),
                          ("/restore 1 was fine", "♻️ Report SIREN #1 restored")):  # fmt: skip
        cursor = siren.api.cursor(GROUP)
        siren.api.send_text(COORDINATOR, GROUP, command)
        first = await cursor.next(text_contains=head)
        # Before: one notice cut at 4,096 characters, ending in empty tags and "…".
        whole = await _parts(cursor, first)
        assert '195 kg "zombiedust195"' in whole, whole[-300:]


async def test_a_reports_page_names_a_long_reports_first_items_and_counts_the_rest(
    siren: Harness,
) -> None:
    await _long_report(siren)
    text = _read(await siren.talk.say(COORDINATOR, "/reports"))
    # Before: the page cut at 4,096 characters in the middle of the report's items.
    line = next(line for line in text.split("\n") if line.startswith("#1 "))
    assert line == (
        '#1 · 2026-11-20 · KCS · 1 kg "zombiedust1" + 2 kg "zombiedust2" + 3 kg "zombiedust3"'
        " + 192 more items"
    ), line
    assert text.endswith("/show N shows one report in full."), text[-100:]
