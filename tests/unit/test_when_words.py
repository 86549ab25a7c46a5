"""/remind WHEN as busy people type it (review round 13, fourth newcomer): each of these was
refused with "'1700' is not a time" or "cannot read ... as a time"."""

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.domain.when import Daily, Once
from bot.parsing.args import UsageError
from bot.parsing.when import parse_reminder, stored_rule

SEOUL = "Asia/Seoul"
NOW = datetime(2026, 11, 20, 0, 30, tzinfo=UTC)  # Fri 20 Nov 09:30 in Seoul


@pytest.mark.parametrize(
    ("typed", "spec", "rule", "text"),
    [
        (
            "daily 1700 Send your nil returns",
            "daily 17:00",
            Daily(time(17, 0)),
            "Send your nil returns",
        ),
        ("every day at 5pm Send returns", "daily 17:00", Daily(time(17, 0)), "Send returns"),
        (
            "Every weekday 18:00 Send returns",
            "weekdays 18:00",
            Daily(time(18, 0), True),
            "Send returns",
        ),
        ("매일 17시 보고서 제출", "daily 17:00", Daily(time(17, 0)), "보고서 제출"),
        ("매일 오후 5시 30분 보고서 제출", "daily 17:30", Daily(time(17, 30)), "보고서 제출"),
        ("평일 오전 9시 반 회의", "weekdays 09:30", Daily(time(9, 30), True), "회의"),
    ],
)
def test_repeating_reminders_are_read_as_typed(typed, spec, rule, text):
    parsed = parse_reminder(typed, now=NOW, tz=SEOUL)
    assert (parsed.spec, parsed.rule, parsed.text) == (spec, rule, text)
    # What is stored is read again the same way when the reminder falls due.
    assert stored_rule(parsed.spec, created_at=NOW, tz=SEOUL) == rule


@pytest.mark.parametrize(
    ("typed", "spec", "at", "text"),
    [
        (
            "tmrw 09:00 Check the manifests",
            "tomorrow 09:00",
            datetime(2026, 11, 21, 0, 0, tzinfo=UTC),
            "Check the manifests",
        ),
        (
            "tomorrow 0900 Check",
            "tomorrow 09:00",
            datetime(2026, 11, 21, 0, 0, tzinfo=UTC),
            "Check",
        ),
        (
            "내일 9시 적하목록 확인",
            "tomorrow 09:00",
            datetime(2026, 11, 21, 0, 0, tzinfo=UTC),
            "적하목록 확인",
        ),
        ("오늘 오후 5시 회의", "today 17:00", datetime(2026, 11, 20, 8, 0, tzinfo=UTC), "회의"),
        (
            "in 1h30m call the duty officer",
            "in 90m",
            NOW + timedelta(minutes=90),
            "call the duty officer",
        ),
        ("in 1 hour 30 minutes call", "in 90m", NOW + timedelta(minutes=90), "call"),
        ("in 90 min call", "in 90m", NOW + timedelta(minutes=90), "call"),
    ],
)
def test_one_off_reminders_are_read_as_typed(typed, spec, at, text):
    parsed = parse_reminder(typed, now=NOW, tz=SEOUL)
    assert (parsed.spec, parsed.rule, parsed.text) == (spec, Once(at), text)
    assert stored_rule(parsed.spec, created_at=NOW, tz=SEOUL) == Once(at)


def test_a_delay_in_seconds_is_refused_with_the_shortest_delay_and_an_example():
    with pytest.raises(UsageError) as refused:
        parse_reminder("in 30 seconds test2", now=NOW, tz=SEOUL)
    said = str(refused.value)
    assert "1 minute" in said and "/remind in 1m test2" in said
    assert "cannot read" not in said
    parse_reminder("in 1m test2", now=NOW, tz=SEOUL)  # the example is read
