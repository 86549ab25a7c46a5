"""Small things users noticed, each seen where the user sees it (session 12's review).

Each failed on the code before it: an edit from '1kg meth' to '1 kg meth' (or '1 KG') was
recorded as a correction; /undo right after a line the bot could not read voided the report
before it; /language sent in a group did not say whose language changed, nor
give a coordinator the way to set the group's.
"""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER
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


async def test_language_in_the_group_says_whose_changed_and_how_to_set_the_groups(
    siren: Harness,
) -> None:
    said = await siren.talk.text(COORDINATOR, "/language en", GROUP)
    # Before: "I will write to you in English, in a group too when I answer you. The group's
    # digest, reminders and announcements come in the group's language." Whose? Which one?
    assert said == (
        "Kim Min-jun: only your language changed. I will write to you in English, here when I "
        "answer you and in our private chat. This group's digest, reminders and announcements "
        "stay in English.\n"
        "To change the group's language (one or two): /language group en, "
        "e.g. /language group ko th"
    )
    thai = await siren.talk.text(COORDINATOR, "/language th", GROUP)
    assert thai.startswith("Kim Min-jun: เปลี่ยนเฉพาะภาษาของท่านเท่านั้น"), thai
    assert "ยังคงเป็นภาษาอังกฤษ" in thai and "/language group th" in thai, thai
    assert await siren.rows("SELECT languages FROM operation") == [{"languages": "en"}]
    # An officer is told the same of their own, and not offered what only a coordinator does.
    officer = await siren.talk.text(KCS_OFFICER, "/language en", GROUP)
    assert officer.startswith("Park Ji-woo: only your language changed.") and "group" in officer
    assert "/language group" not in officer


async def test_undo_after_an_unread_report_voids_nothing_and_names_the_one_before(
    siren: Harness,
) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    refused = await siren.talk.text(KCS_OFFICER, "/seizure blorp blorp", GROUP)
    assert refused.startswith("No amount found"), refused
    said = await siren.talk.text(KCS_OFFICER, "/undo", GROUP)
    # Before: "❌ Report SIREN #1 voided (undone by its author)", the report before the bad line.
    assert said == (
        "Nothing was recorded from your last report (I could not read it), so /undo voids "
        "nothing. Your latest recorded report is #1: 2 kg methamphetamine. To void that one, "
        "press Undo under its acknowledgement, or give its number and a reason, e.g. "
        "/void 1 entered twice"
    )
    assert await siren.rows("SELECT voided_at FROM seizure") == [{"voided_at": None}]
    # A report recorded after the bad line is the latest again: /undo voids it, as ever.
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg heroin at ICN", GROUP)
    voided = await siren.talk.text(KCS_OFFICER, "/undo", GROUP)
    assert voided.startswith("❌ Report SIREN #2 voided"), voided
    rows = await siren.rows("SELECT number, voided_at IS NOT NULL AS voided FROM seizure")
    assert rows == [{"number": 1, "voided": 0}, {"number": 2, "voided": 1}]
