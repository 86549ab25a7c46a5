"""People as Telegram has them: any language_code or none, names without a username or a last
name, right-to-left, emoji, 64 characters each; and a button whose message was deleted.

Each held before this session but the last: an Undo pressed on an acknowledgement deleted
meanwhile voided the report and said so, then logged a fault and tried to answer the press a
second time with "Sorry, that did not work" (Telegram refused that: the press was answered).
"""

from __future__ import annotations

import logging

import pytest

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER, invite_code
from bot.sandbox import settled
from fakegram.types import FakeChat, FakeUser
from tests.e2e.conftest import Harness


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("ko-KR", "초대 링크"),
        ("th-TH", "ปฏิบัติการร่วมด้านศุลกากร"),
        ("pt-br", "open the invite link"),  # a language the bot does not speak: English
        ("", "open the invite link"),
        (None, "open the invite link"),
    ],
)
async def test_a_language_code_with_a_region_or_none_reads_sensibly(
    siren: Harness, code: str | None, says: str
) -> None:
    stranger = FakeUser(2601, "Mina", language_code=code)
    said = await siren.talk.text(stranger, "/start")
    assert says in said, (code, said)


NAMES = [
    FakeUser(2611, "Ahmad"),  # no last name, no username
    FakeUser(2612, "אברהם", "כהן"),  # right to left
    FakeUser(2613, "🚢🚢 Captain", "⚓️"),  # emoji
    FakeUser(2614, "W" * 64, "X" * 64),  # Telegram's longest first and last names
    FakeUser(2615, "\u202eevil", "name\u202c"),  # an override character in a name
]


async def test_names_of_every_kind_fit_the_lists(
    siren: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    for n, person in enumerate(NAMES, start=1):
        link = await siren.talk.text(ADMIN, "/invite officer KCS")
        await siren.talk.say(person, f"/start {invite_code(link)}")
        said = await siren.talk.text(person, f"/s {n}kg meth at ICN", GROUP)
        assert f"{n} kg" in said, said
    members = await siren.talk.text(COORDINATOR, "/members")
    by_officer = await siren.talk.text(COORDINATOR, "/summary by officer")
    reports = await siren.talk.text(COORDINATOR, "/reports")
    for text in (members, by_officer, reports):
        assert 0 < len(text) <= 4096
    assert "Ahmad" in members and "אברהם" in members and "🚢🚢 Captain" in members
    assert "W" * 20 in members
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_undo_pressed_on_an_acknowledgement_deleted_meanwhile_is_no_fault(
    siren: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    cursor = siren.api.cursor(GROUP)
    siren.api.send_text(KCS_OFFICER, GROUP, "/s 2kg meth at ICN")
    ack = await cursor.next()
    mark = siren.api.mark()
    siren.api.press_button(KCS_OFFICER, GROUP, int(ack["message_id"]), "undo:1")
    siren.api.delete_message(GROUP, int(ack["message_id"]))  # an admin tidies the group
    await siren.api.wait_confirmed(siren.api.newest_update_id(), after=mark)
    await settled(siren.app)
    answers = [c for c in siren.api.calls[mark:] if c.method == "answerCallbackQuery"]
    assert [c.params.get("text") for c in answers] == ["Report SIREN #1 voided."]
    (row,) = await siren.rows("SELECT voided_at FROM seizure")
    assert row["voided_at"] is not None
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    faults = [c for c in siren.api.calls[mark:] if "fault" in str(c.params.get("text"))]
    assert faults == []


async def test_an_export_whose_progress_line_was_deleted_still_sends_its_file(
    siren: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await siren.talk.say(KCS_OFFICER, "/s 2kg meth at ICN", GROUP)
    private = FakeChat.private(COORDINATOR)
    cursor = siren.api.cursor(private)
    siren.api.send_text(COORDINATOR, private, "/export csv")
    progress = await cursor.next()
    assert str(progress["text"]).startswith("Exporting…")
    # The coordinator clears the chat while the file is made. Before: the progress line's edit
    # was refused (400), the export ended there, and "Sorry, that did not work" came instead.
    siren.api.delete_message(private, int(progress["message_id"]))
    document = await cursor.next(timeout=60)
    assert str(document["document"]["file_name"]).startswith("SIREN-reports-")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
