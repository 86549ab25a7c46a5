"""What an adversary found in review round 1 (session 14): buttons, /help, plurals, reminders."""

from __future__ import annotations

import asyncio

import pytest

import bot.chart
from bot.config import Export
from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness


async def _pressed(h: Harness, data: str) -> str:
    """A press with `data` under the officer's last message; the alert shown, once handled."""
    chat = FakeChat.private(KCS_OFFICER)
    await h.talk.say(KCS_OFFICER, "/language", chat)
    message_id = h.api.sent_messages(chat)[-1]["message_id"]
    mark = h.api.mark()
    query = h.api.press_button(KCS_OFFICER, chat, message_id, data, check_button=False)
    await h.api.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query,
        after=mark,
    )
    await asyncio.wait_for(h.app.update_queue.join(), 30)
    return str(h.api.callback_answers[query].get("text") or "")


async def test_a_button_with_empty_data_is_an_old_button(siren: Harness) -> None:
    # Before: PTB hands empty data to every pattern's handler, and the /language button's
    # refusal ("Send /language to choose again") answered it.
    assert await _pressed(siren, "") == "This button is no longer active."
    assert await _pressed(siren, "nonsense:1") == "This button is no longer active."


async def test_help_of_another_roles_command_shows_it_and_who_may_use_it(siren: Harness) -> None:
    # Before: "/export is not one of your commands", where the spec says every command
    # answers /help COMMAND.
    shown = await siren.talk.text(KCS_OFFICER, "/help export")
    assert shown == (
        "/export — every report as a file (sent to you privately)\n"
        "Usage: /export [csv|xlsx]\nExample: /export xlsx\n"
        "Only coordinators may use /export."
    )
    assert (await siren.talk.text(COORDINATOR, "/help mine")).endswith(
        "Only officers may use /mine."
    )
    assert "Only" not in await siren.talk.text(COORDINATOR, "/help export", GROUP)


async def test_an_export_of_one_row_says_row(siren: Harness) -> None:
    # Before: "Exported 1 rows; sending the file."
    await siren.talk.say(KCS_OFFICER, "/s 2kg meth at ICN", GROUP)
    private = FakeChat.private(COORDINATOR)
    siren.app.bot_data.config = siren.app.bot_data.config.model_copy(
        update={"export": Export(progress_from_rows=0)}
    )
    for language in ("en", "ko", "th"):
        said = "Exported 1 row; sending the file."
        if language != "en":
            said = _in(language, "Exported {rows} row; sending the file.")
        await siren.talk.say(COORDINATOR, f"/language {language}", private)
        cursor = siren.api.cursor(private)
        mark = siren.api.mark()
        siren.api.send_text(COORDINATOR, private, "/export")
        progress = await cursor.next()
        edited = await siren.api.wait_for_edit(
            private, message_id=progress["message_id"], after=mark, timeout=60
        )
        assert edited["text"] == said.format(rows=1), language
        await cursor.next()  # the file


def _in(language: str, singular: str) -> str:
    """The translation of a plural message's singular, which ko and th also use for one."""
    from bot.render.i18n import ngettext, using

    with using(language):
        translated = ngettext(singular, singular.replace(" row;", " rows;"), 1)
    assert translated != singular, language  # translated, not English
    return translated


async def test_the_exact_duplicate_of_an_active_reminder_is_refused(siren: Harness) -> None:
    first = await siren.talk.text(COORDINATOR, "/remind daily 09:00 same text", GROUP)
    assert first.startswith("Reminder #1 set: "), first
    # Before: the admin's identical reminder was set as #2, and the group got it twice a day.
    again = await siren.talk.text(ADMIN, "/remind daily 09:00 same text", GROUP)
    assert again == (
        "This reminder is already set as #1, with the same time and text; the group would get "
        "it twice. /reminders lists them; /remind rm 1 removes it."
    )
    assert await siren.rows("SELECT id FROM reminder") == [{"id": 1}]
    # Another time, or other words, is another reminder; and once #1 is removed, it may be set.
    other = await siren.talk.text(ADMIN, "/remind daily 10:00 same text", GROUP)
    assert other.startswith("Reminder #2 set: "), other
    await siren.talk.say(COORDINATOR, "/remind rm 1", GROUP)
    anew = await siren.talk.text(ADMIN, "/remind daily 09:00 same text", GROUP)
    assert anew.startswith("Reminder #3 set: "), anew


async def test_a_substance_named_with_markup_is_refused_with_an_example(siren: Harness) -> None:
    # Before: recorded, acknowledged as "<b>zombie</b>", totalled in /summary and the digest
    # as "b>zombie</b", and /alias refuses < and >: it could never be classified.
    refused = await siren.talk.text(KCS_OFFICER, "/s 2kg <b>zombie</b> at ICN", GROUP)
    assert refused == (
        "The substance name “<b>zombie</b>” cannot contain < or >: write it without them, "
        "e.g. /seizure 2kg zombie at ICN"
    )
    assert await siren.rows("SELECT id FROM seizure") == []
    ack = await siren.talk.text(KCS_OFFICER, "/s 2kg zombie at ICN", GROUP)
    assert ack.startswith("✅ Recorded report SIREN #1"), ack


async def test_a_chart_of_sixty_substances_comes_with_the_rest_said_as_other(
    siren: Harness,
) -> None:
    # Before: past 42 unclassified substances choosing their colours looped for ever on the
    # event loop: no chart after 795 s, and nothing else answered meanwhile.
    private = FakeChat.private(KCS_OFFICER)
    cursor = siren.api.cursor(private)
    for n in range(60):
        siren.api.send_text(KCS_OFFICER, private, f"/s {n + 1}g substance{n}")
    for _n in range(60):
        await cursor.next(timeout=60)
    mark = siren.api.mark()
    siren.api.send_text(KCS_OFFICER, private, "/chart")
    photo = await siren.api.wait_for(
        lambda c: c.method == "sendPhoto" and c.delivered, after=mark, timeout=120
    )
    assert photo.params["caption"].endswith(
        "\n48 substances with the smallest amounts are drawn together as “other”."
    ), photo.params["caption"]
    assert (await siren.talk.text(KCS_OFFICER, "/mine", private)).startswith("Your ")


async def test_a_chart_past_its_time_limit_is_stopped_and_said(
    siren: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: a job in the worker had no limit: a chart that never ended kept the worker (and
    # every export and chart after it) for good, and its asker never heard a word.
    await siren.talk.say(KCS_OFFICER, "/s 2kg meth at ICN", GROUP)
    monkeypatch.setattr(bot.chart, "CHART_SECONDS", 0.001)
    said = await siren.talk.text(COORDINATOR, "/chart", GROUP)
    assert said == (
        "/chart took more than 1 minute and was stopped; nothing was sent. "
        "Ask for less, e.g. /chart week, or try again later."
    )
    monkeypatch.undo()  # the worker takes the next chart
    mark = siren.api.mark()
    siren.api.send_text(COORDINATOR, GROUP, "/chart")
    await siren.api.wait_for(
        lambda c: c.method == "sendPhoto" and c.delivered, after=mark, timeout=120
    )
