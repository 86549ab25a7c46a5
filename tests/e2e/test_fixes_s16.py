"""Review findings of session 16 (adversarial and newcomer), each as the person sees it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.demo import (
    ADMIN,
    COORDINATOR,
    GROUP,
    KCS_OFFICER,
    OUTSIDER,
    TCD_OFFICER,
    set_up_demo,
)
from bot.render.i18n import _, ngettext, using
from bot.render.replies import ONLY_ADMIN_CREATES
from bot.render.replies import OUTSIDER as OUTSIDER_TEXT
from tests.e2e.asking import announced_at
from tests.e2e.conftest import Harness


async def test_revoking_an_invite_by_a_huge_number_is_answered_as_a_negative_one_is(
    siren: Harness,
) -> None:
    negative = await siren.talk.text(COORDINATOR, "/invites revoke -1")
    huge = await siren.talk.text(COORDINATOR, "/invites revoke 99999999999999999999999")
    assert huge == negative.replace("-1", "99999999999999999999999"), huge
    assert "e.g. /invites revoke 2" in huge, huge


async def test_a_workshop_hint_with_a_superscript_number_is_answered(siren: Harness) -> None:
    said = await siren.talk.text(COORDINATOR, "/invite workshop ²")
    assert "fault" not in said, said
    assert "30" in said, said


async def _two_reports(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    await siren.talk.say(KCS_OFFICER, "/seizure 3kg heroin at ICN", GROUP)


async def _voided(siren: Harness) -> list[dict[str, object]]:
    return await siren.rows("SELECT number FROM seizure WHERE voided_at IS NOT NULL")


async def test_undo_with_a_number_voids_nothing_and_says_how_to_void_that_one(
    siren: Harness,
) -> None:
    await _two_reports(siren)
    said = await siren.talk.text(KCS_OFFICER, "/undo 1", GROUP)
    assert said == (
        "/undo takes back your latest report (#2); it takes no number. "
        "To void your report #1, give a reason: /void 1 REASON"
    ), said
    said = await siren.talk.text(KCS_OFFICER, "/undo 99999999999999999999999", GROUP)
    assert said.startswith("/undo takes back your latest report (#2); it takes no number. "), said
    assert "There is no report #99999999999999999999999" in said, said
    said = await siren.talk.text(KCS_OFFICER, "/undo 2", GROUP)
    assert said.endswith("To take it back, send /undo alone."), said
    assert await _voided(siren) == []


async def test_undo_with_another_officers_number_points_to_a_coordinator(siren: Harness) -> None:
    await _two_reports(siren)
    await siren.talk.say(TCD_OFFICER, "/seizure 1kg ketamine at BKK", GROUP)
    said = await siren.talk.text(TCD_OFFICER, "/undo 1", GROUP)
    assert said == (
        "/undo takes back your latest report (#3); it takes no number. "
        "Report #1 is not yours: to have it voided, ask a coordinator (/void 1 REASON)."
    ), said
    assert await _voided(siren) == []
    # Alone, it still takes back the latest.
    assert "voided" in await siren.talk.text(KCS_OFFICER, "/undo", GROUP)
    assert await _voided(siren) == [{"number": 2}]


async def test_operation_new_answers_an_admin_in_korean_with_a_korean_label(
    siren: Harness,
) -> None:
    await siren.talk.say(ADMIN, "/language ko")
    with using("ko"):
        usage_head, exists, created, label = (
            _("To create an operation:"),
            _("An operation with the code {code} exists already. Choose another code.").format(
                code="SIREN"
            ),
            _("Created <b>{title}</b> ({code}) in {tz}.").format(
                title="Drill", code="DRILL", tz="Asia/Seoul"
            )
            + "\n"
            + _("Next: add agencies, e.g. {example}").format(
                example='/agency add KCS "Korea Customs Service" Asia/Seoul'
            ),
            _("🧪 <b>EXERCISE</b>"),
        )
    said = await siren.talk.text(ADMIN, "/operation new")
    assert said.startswith(usage_head), said
    assert await siren.talk.text(ADMIN, '/operation new SIREN "x" Asia/Seoul') == exists
    made = await siren.talk.say(ADMIN, '/operation new DRILL "Drill" Asia/Seoul exercise')
    assert made["text"] == _plain(f"{label} · {created}"), made["text"]


def _plain(html: str) -> str:
    return html.replace("<b>", "").replace("</b>", "")


async def test_operation_new_refused_to_a_korean_member_of_an_exercise_is_labelled_in_korean(
    bot: Harness,
) -> None:
    await set_up_demo(bot.talk, exercise=True)
    await bot.talk.say(COORDINATOR, "/language ko")
    said = await bot.talk.text(COORDINATOR, '/operation new X "y" Asia/Seoul')
    with using("ko"):
        expected = f"{_plain(_('🧪 <b>EXERCISE</b>'))} · {_(ONLY_ADMIN_CREATES)}"
    assert said == expected, said


async def test_operation_new_refused_to_an_outsider_in_their_language(siren: Harness) -> None:
    await siren.talk.say(OUTSIDER, "/language ko")
    said = await siren.talk.text(OUTSIDER, '/operation new EVIL "Evil" Asia/Seoul')
    with using("ko"):
        assert said == _plain(_(OUTSIDER_TEXT)), said


async def test_a_phase_given_with_times_states_its_real_length(siren: Harness) -> None:
    said = await siren.talk.text(
        COORDINATOR, "/phase add drill 2026-12-02 13:00 2026-12-02 15:00", GROUP
    )
    assert said.startswith(
        "Added phase drill: Wed 02 Dec 13:00 – Wed 02 Dec 15:00 (2 hours, Asia/Seoul)."
    ), said
    said = await siren.talk.text(
        COORDINATOR, "/phase add night 2026-12-02 22:00 2026-12-03 02:00", GROUP
    )
    assert "(4 hours, Asia/Seoul)" in said, said
    said = await siren.talk.text(COORDINATOR, "/phase add week 2026-12-04 2026-12-10", GROUP)
    assert "(7 days, Asia/Seoul)" in said, said
    begun = await announced_at(siren, datetime(2026, 12, 2, 4, 0, tzinfo=UTC), GROUP)
    assert begun == [
        "▶️ Phase drill begins now: Wed 02 Dec 13:00 – Wed 02 Dec 15:00 (2 hours, Asia/Seoul)."
    ], begun


async def test_a_timed_phase_s_length_in_korean_and_thai(siren: Harness) -> None:
    for code, day_of in (("ko", "02"), ("th", "03")):
        await siren.talk.say(COORDINATOR, f"/language {code}")
        said = await siren.talk.text(
            COORDINATOR, f"/phase add d{code} 2026-12-{day_of} 13:00 2026-12-{day_of} 15:00"
        )
        with using(code):
            hours = ngettext("{n} hour", "{n} hours", 2).format(n=2)
            day = ngettext("{n} day", "{n} days", 1).format(n=1)
        assert f"({hours}, Asia/Seoul)" in said, said
        assert day not in said, said


async def test_a_report_dated_in_a_later_year_is_answered_as_a_future_day_this_year(
    siren: Harness,
) -> None:
    # The siren's clock: 20 Nov 2026.
    this_year = await siren.talk.text(KCS_OFFICER, "/seizure 2kg meth on 2026-12-25", GROUP)
    assert this_year == (
        "The date 2026-12-25 is in the future: write the day it happened, "
        "e.g. /seizure 2kg meth on 2026-11-20"
    ), this_year
    said = await siren.talk.text(KCS_OFFICER, "/seizure 2kg meth on 2030-01-01", GROUP)
    assert said == this_year.replace("2026-12-25", "2030-01-01"), said
    said = await siren.talk.text(KCS_OFFICER, "/seizure 3kg heroin at ICN on 2027-11-19", GROUP)
    assert said == (
        "The date 2027-11-19 is in the future: write the day it happened, "
        "e.g. /seizure 3kg heroin at ICN on 2026-11-20"
    ), said
    example = said.split("e.g. ")[1]
    assert (await siren.talk.text(KCS_OFFICER, example, GROUP)).startswith("✅ Recorded report")
    assert await siren.rows("SELECT occurred_on FROM seizure") == [{"occurred_on": "2026-11-20"}]


async def test_summary_of_a_named_phase_when_there_are_none_says_so(siren: Harness) -> None:
    said = await siren.talk.text(COORDINATOR, "/summary phase xyz")
    assert said == (
        "There is no phase 'xyz': SIREN has no phases yet (a coordinator adds one with "
        "/phase add NAME START END) — e.g. /summary all"
    ), said
    said = await siren.talk.text(COORDINATOR, "/summary phase")
    assert said == (
        "SIREN has no phases yet, so none is running (a coordinator adds one with "
        "/phase add NAME START END) — e.g. /summary all"
    ), said


async def test_bind_to_the_operation_the_group_has_says_already_linked(siren: Harness) -> None:
    said = await siren.talk.text(COORDINATOR, "/bind SIREN", GROUP)
    assert said == (
        "This group is already linked to Operation Siren (SIREN): reports sent here belong to it."
    ), said
    assert await siren.rows(
        "SELECT o.code FROM chat_binding b JOIN operation o ON o.id = b.operation_id"
    ) == [{"code": "SIREN"}]


async def test_bind_alone_in_an_exercise_group_is_labelled(bot: Harness) -> None:
    await set_up_demo(bot.talk, exercise=True)
    said = await bot.talk.text(COORDINATOR, "/bind", GROUP)
    assert said.startswith("🧪 EXERCISE · Which operation?"), said


async def test_an_outsider_s_plain_text_in_private_gets_the_short_polite_refusal(
    siren: Harness,
) -> None:
    for text in ("hello", "2kg meth at ICN"):
        said = await siren.talk.text(OUTSIDER, text)
        assert said == _plain(_(OUTSIDER_TEXT)), said
    await siren.talk.say(OUTSIDER, "/language ko")
    said = await siren.talk.text(OUTSIDER, "hello")
    with using("ko"):
        assert said == _plain(_(OUTSIDER_TEXT)), said
    # A member still gets the pointer to /seizure.
    assert "/seizure" in await siren.talk.text(KCS_OFFICER, "hello")
