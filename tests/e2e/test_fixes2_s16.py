"""Review findings of session 16, round 2 (adversarial), each as the person sees it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER
from bot.render.i18n import ngettext, using
from tests.e2e.asking import announced_at
from tests.e2e.conftest import Harness


async def test_a_phase_of_weeks_given_with_times_is_said_in_days_hours_and_minutes(
    siren: Harness,
) -> None:
    said = await siren.talk.text(COORDINATOR, "/phase add ops 2026-12-03 09:00 2026-12-20 17:30")
    assert said.startswith(
        "Added phase ops: Thu 03 Dec 09:00 – Sun 20 Dec 17:30 "
        "(17 days 8 hours 30 minutes, Asia/Seoul)."
    ), said
    said = await siren.talk.text(COORDINATOR, "/phase add ops2 2026-12-21 09:00 2027-01-10 18:00")
    assert "(20 days 9 hours, Asia/Seoul)" in said, said
    said = await siren.talk.text(COORDINATOR, "/phase add drill 2027-01-11 13:00 2027-01-11 14:30")
    assert "(1 hour 30 minutes, Asia/Seoul)" in said, said
    said = await siren.talk.text(COORDINATOR, "/phase add wk 2027-01-12 2027-01-18")
    assert "(7 days, Asia/Seoul)" in said, said
    begun = await announced_at(siren, datetime(2026, 12, 3, 0, 0, tzinfo=UTC), GROUP)
    assert begun == [
        "▶️ Phase ops begins now: Thu 03 Dec 09:00 – Sun 20 Dec 17:30 "
        "(17 days 8 hours 30 minutes, Asia/Seoul)."
    ], begun


async def test_a_long_timed_phase_in_korean_and_thai_says_days_then_hours(
    siren: Harness,
) -> None:
    for code, day in (("ko", "03"), ("th", "21")):
        await siren.talk.say(COORDINATOR, f"/language {code}")
        said = await siren.talk.text(
            COORDINATOR, f"/phase add p{code} 2026-12-{day} 09:00 2026-12-{int(day) + 2} 17:30"
        )
        with using(code):
            days = ngettext("{n} day", "{n} days", 2).format(n=2)
            hours = ngettext("{n} hour", "{n} hours", 8).format(n=8)
            minutes = ngettext("{n} minute", "{n} minutes", 30).format(n=30)
        assert f"({days} {hours} {minutes}, Asia/Seoul)" in said, said


async def test_a_summary_cut_through_its_only_group_never_says_no_seizures(
    siren: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A10: more rows in the whole operation's one group than a summary lists (MAX_ROWS).
    monkeypatch.setattr("storage.summary.MAX_ROWS", 3)
    await siren.talk.say(
        KCS_OFFICER, "/seizure 1kg meth, 2kg heroin, 3kg cocaine, 4kg ketamine at ICN", GROUP
    )
    said = await siren.talk.text(COORDINATOR, "/summary")
    assert "No seizures recorded" not in said, said
    assert "Reports: 1, cases: 1" in said, said
    assert (
        "Too many substances to list here: /export gives them all, or narrow it down, "
        "e.g. /summary week agency=KCS or /summary meth"
    ) in said, said
    assert "More groups" not in said, said
    by_agency = await siren.talk.text(COORDINATOR, "/summary by agency")
    assert "No seizures recorded" not in by_agency, by_agency
    assert "Too many substances to list here" in by_agency, by_agency


async def test_undo_with_a_number_says_what_is_true_of_a_voided_or_expired_report(
    siren: Harness,
) -> None:
    # A7: '/undo N' pointed to /undo alone for a report already voided, and to /void for one
    # already voided.
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    await siren.talk.say(KCS_OFFICER, "/seizure 3kg heroin at ICN", GROUP)
    await siren.talk.say(KCS_OFFICER, "/undo", GROUP)
    said = await siren.talk.text(KCS_OFFICER, "/undo 2", GROUP)
    assert said == (
        "/undo takes back your latest report (#2); it takes no number. Report #2 is already voided."
    ), said
    await siren.talk.say(KCS_OFFICER, "/void 1 my mistake", GROUP)
    said = await siren.talk.text(KCS_OFFICER, "/undo 1", GROUP)
    assert said == (
        "/undo takes back your latest report (#2); it takes no number. "
        "Report #1 is already voided; a coordinator can restore it (/restore 1 REASON)."
    ), said
    await siren.talk.say(COORDINATOR, "/restore 2 ok", GROUP)
    said = await siren.talk.text(KCS_OFFICER, "/undo 2", GROUP)
    assert said == (
        "/undo takes back your latest report (#2); it takes no number. "
        "Its undo has expired: to void it, give a reason: /void 2 REASON"
    ), said
    assert "/void 2" in await siren.talk.text(KCS_OFFICER, "/undo", GROUP)


async def test_reports_reads_an_agency_code_among_the_words_and_says_when_it_is_a_substance_too(
    siren: Harness,
) -> None:
    # A5: '/reports ICE' listed methamphetamine (ice = meth) though ICE is an agency; '/reports
    # KCS heroin' was read as one unknown substance "kcs heroin".
    await siren.talk.say(
        ADMIN, '/agency add ICE "Immigration and Customs Enforcement" America/New_York'
    )
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    await siren.talk.say(KCS_OFFICER, "/seizure 3kg heroin at ICN", GROUP)
    await siren.talk.say(TCD_OFFICER, "/seizure 1kg heroin at BKK", GROUP)
    said = await siren.talk.text(COORDINATOR, "/reports ICE")
    assert said == (
        "ICE is both an agency of SIREN and a name for methamphetamine. "
        "For the agency's reports: /reports agency=ICE; "
        "for the substance: /reports methamphetamine"
    ), said
    said = await siren.talk.text(COORDINATOR, "/reports KCS heroin")
    assert "agency KCS" in said and "1 report," in said, said
    assert "3 kg heroin" in said and "methamphetamine" not in said, said
    assert "TCD" not in said.split("\n", 1)[1], said
    said = await siren.talk.text(COORDINATOR, "/reports heroin tcd")
    assert "agency TCD" in said and "1 report," in said and "1 kg heroin" in said, said
    said = await siren.talk.text(COORDINATOR, "/reports methamphetamine")
    assert "1 report," in said and "2 kg methamphetamine" in said, said
    said = await siren.talk.text(COORDINATOR, "/reports agency=ICE")
    assert "methamphetamine" not in said, said
