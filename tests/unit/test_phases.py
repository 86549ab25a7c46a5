"""Phases: reading NAME START END, refusing what cannot be, and saying where the operation is."""

from datetime import UTC, datetime

import pytest

from bot.domain.phases import (
    Phase,
    PhaseRefusal,
    PhaseRefused,
    check_overlap,
    current_phase,
    days_left,
    phase_messages,
)
from bot.domain.unit import Operation
from bot.parsing.args import UsageError
from bot.parsing.phases import parse_phase
from bot.render.clock import announcement, phase_lines, phase_status, span_text
from bot.render.i18n import using
from bot.render.phases import phase_refusal

SEOUL = "Asia/Seoul"
OP = Operation(1, "SIREN", "Operation Siren", SEOUL, False, "08:00", 900, 86400)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def phase(pid: int, name: str, start: str, end: str) -> Phase:
    found = parse_phase([name, *start.split(), *end.split()], tz=SEOUL, verb="add")
    return Phase(pid, 1, found.name, found.starts_at, found.ends_at)


def test_dates_run_from_the_start_of_the_first_day_to_the_end_of_the_last():
    found = parse_phase(["operational", "2026-12-01", "2026-12-14"], tz=SEOUL, verb="add")
    # Midnight in Seoul is 15:00 UTC the day before; the END day is included.
    assert found.starts_at == utc(2026, 11, 30, 15)
    assert found.ends_at == utc(2026, 12, 14, 15)
    assert span_text(found, SEOUL) == "Tue 01 Dec – Mon 14 Dec"


def test_times_may_be_given_and_names_may_have_several_words():
    found = parse_phase(
        ["pre-operational", "training", "2026-11-24", "09:00", "2026-11-26", "18:00"],
        tz=SEOUL,
        verb="add",
    )
    assert found.name == "pre-operational training"
    assert (found.starts_at, found.ends_at) == (utc(2026, 11, 24, 0), utc(2026, 11, 26, 9))
    assert span_text(found, SEOUL) == "Tue 24 Nov 09:00 – Thu 26 Nov 18:00"


def test_a_reversed_phase_is_refused_with_the_dates_put_right():
    with pytest.raises(UsageError) as refused:
        parse_phase(["operational", "2026-12-14", "2026-12-01"], tz=SEOUL, verb="add")
    assert "would end (2026-12-01) before it starts (2026-12-14)" in str(refused.value)
    assert "/phase add operational 2026-12-01 2026-12-14" in str(refused.value)


def test_a_nonexistent_date_is_refused_with_a_real_one():
    with pytest.raises(UsageError) as refused:
        parse_phase(["operational", "2026-02-01", "2026-02-30"], tz=SEOUL, verb="add")
    assert "2026-02-30 is not a date: February 2026 has 28 days" in str(refused.value)
    assert "/phase add operational 2026-02-01 2026-02-28" in str(refused.value)


def test_missing_parts_are_explained():
    with pytest.raises(UsageError, match="Give the phase a START and an END"):
        parse_phase(["operational", "2026-12-01"], tz=SEOUL, verb="add")
    with pytest.raises(UsageError, match="Give its name first"):
        parse_phase(["2026-12-01", "2026-12-14"], tz=SEOUL, verb="add")


def test_overlapping_phases_are_refused_with_a_start_after_the_other():
    training = phase(1, "training", "2026-11-24", "2026-12-02")
    wanted = parse_phase(["operational", "2026-12-01", "2026-12-14"], tz=SEOUL, verb="add")
    with pytest.raises(PhaseRefused) as refused:
        check_overlap(wanted, [training], tz=SEOUL, verb="add")
    assert refused.value.reason is PhaseRefusal.OVERLAP
    message = phase_refusal(refused.value, tz=SEOUL)
    assert "operational would overlap training (Tue 24 Nov – Wed 02 Dec)" in message
    assert "/phase add operational 2026-12-03 2026-12-16" in message
    # Back to back is fine: training ends with 02 Dec, the next phase starts on 03 Dec.
    after = parse_phase(["operational", "2026-12-03", "2026-12-14"], tz=SEOUL, verb="add")
    check_overlap(after, [training], tz=SEOUL, verb="add")


def test_where_the_operation_is_and_how_many_days_are_left():
    phases = [
        phase(1, "training", "2026-11-24", "2026-11-30"),
        phase(2, "operational", "2026-12-01", "2026-12-14"),
        phase(3, "debriefing", "2026-12-16", "2026-12-16"),
    ]
    now = utc(2026, 12, 3, 1)  # Thu 03 Dec 10:00 in Seoul
    assert current_phase(phases, now) == phases[1]
    assert days_left(phases[1], now, SEOUL) == 12
    assert phase_status(OP, phases, now) == (
        "Phase: <b>operational</b> (Tue 01 Dec – Mon 14 Dec), day 3 of 14, 11 days left"
    )
    assert phase_lines(OP, phases, now) == [
        "✓ training: Tue 24 Nov – Mon 30 Nov — ended",
        "▶️ <b>operational</b>: Tue 01 Dec – Mon 14 Dec — now, day 3 of 14, 11 days left",
        "• debriefing: Wed 16 Dec – Wed 16 Dec — starts in 13 days",
    ]
    between = utc(2026, 12, 15, 3)
    assert phase_status(OP, phases, between) == (
        "Between phases. Next: <b>debriefing</b> from Wed 16 Dec (tomorrow)"
    )
    assert phase_status(OP, [], between) == "No phases set (/phase add)."


def test_a_phase_announces_its_start_a_warning_and_its_end():
    phases = [
        phase(2, "operational", "2026-12-01", "2026-12-14"),
        phase(3, "debriefing", "2026-12-16", "2026-12-16"),
    ]
    operational = phases[0]
    assert phase_messages(operational, 86400) == [
        ("phase_start", utc(2026, 11, 30, 15)),
        ("phase_end", utc(2026, 12, 14, 15)),
        ("phase_warning", utc(2026, 12, 13, 15)),
    ]
    assert announcement("phase_start", operational, OP, phases) == (
        "▶️ Phase <b>operational</b> begins now: Tue 01 Dec – Mon 14 Dec (14 days, Asia/Seoul)."
    )
    assert announcement("phase_warning", operational, OP, phases) == (
        "⏳ Phase <b>operational</b> ends in 24 hours, at the end of Mon 14 Dec (Asia/Seoul)."
        "\nNext: <b>debriefing</b> from Wed 16 Dec."
    )
    assert announcement("phase_end", phases[1], OP, phases) == (
        "⏹ Phase <b>debriefing</b> has ended (Wed 16 Dec – Wed 16 Dec)."
        "\nNo further phase is planned."
    )


def test_a_phase_shorter_than_the_warning_has_no_warning():
    short = phase(1, "sprint", "2026-12-01 09:00", "2026-12-01 18:00")
    assert [kind for kind, _ in phase_messages(short, 86400)] == ["phase_start", "phase_end"]


def test_a_start_time_skipped_by_dst_is_refused_with_the_hour_after():
    with pytest.raises(UsageError) as refused:
        parse_phase(["night", "2027-03-28", "02:30", "2027-03-29"], tz="Europe/Berlin", verb="add")
    message = str(refused.value)
    assert "2027-03-28 02:30 does not exist in Europe/Berlin" in message
    assert "/phase add night 2027-03-28 03:30 2027-03-29" in message


@pytest.mark.parametrize(
    ("locale", "first", "second_last", "last"),
    [
        ("en", "day 1 of 14, 13 days left", "day 13 of 14, 1 day left", "day 14 of 14, last day"),
        ("ko", "14일 중 1일째, 13일 남음", "14일 중 13일째, 1일 남음", "14일 중 14일째, 마지막 날"),
        (
            "th",
            "วันที่ 1 จาก 14 วัน เหลืออีก 13 วัน",
            "วันที่ 13 จาก 14 วัน เหลืออีก 1 วัน",
            "วันที่ 14 จาก 14 วัน วันสุดท้าย",
        ),
    ],
)
def test_the_days_left_are_those_after_today(locale: str, first: str, second_last: str, last: str):
    # Day 1 of 14 said '14 days left': the days left did not add up with the day's number.
    operational = phase(2, "operational", "2026-12-01", "2026-12-14")
    with using(locale):
        for when, expected in [(1, first), (13, second_last), (14, last)]:
            (line,) = phase_lines(OP, [operational], utc(2026, 12, when, 1))
            assert line.endswith(expected), line
