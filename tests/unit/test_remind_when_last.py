"""/remind with WHEN after the text, or the time before the day words (session 14): 'at 5pm
every day check manifests' was stored as a one-off today with 'every day' in its text, and
'check manifests 09:00' was refused with an example that had nothing of what was typed."""

from datetime import UTC, datetime, time

import pytest

from bot.domain.when import Daily
from bot.parsing.args import UsageError
from bot.parsing.when import parse_reminder

SEOUL = "Asia/Seoul"
NOW = datetime(2026, 11, 20, 0, 30, tzinfo=UTC)  # Fri 20 Nov 09:30 in Seoul


@pytest.mark.parametrize(
    ("typed", "spec", "rule"),
    [
        ("at 5pm every day check manifests", "daily 17:00", Daily(time(17, 0))),
        ("5pm every day check manifests", "daily 17:00", Daily(time(17, 0))),
        ("at 18:00 every weekday check manifests", "weekdays 18:00", Daily(time(18, 0), True)),
        ("17:00 매일 check manifests", "daily 17:00", Daily(time(17, 0))),
    ],
)
def test_a_time_before_the_day_words_repeats(typed: str, spec: str, rule: Daily) -> None:
    parsed = parse_reminder(typed, now=NOW, tz=SEOUL)
    assert (parsed.spec, parsed.rule, parsed.text) == (spec, rule, "check manifests")


@pytest.mark.parametrize(
    ("typed", "says", "examples"),
    [
        (
            "check manifests 09:00",
            "Which day?",
            ["/remind tomorrow 09:00 check manifests", "/remind daily 09:00 check manifests"],
        ),
        (
            "check manifests at 8pm",
            "Which day?",
            ["/remind today 20:00 check manifests", "/remind daily 20:00 check manifests"],
        ),
        ("check manifests daily 09:00", "Say when first", ["/remind daily 09:00 check manifests"]),
        (
            "check manifests every day at 5pm",
            "Say when first",
            ["/remind daily 17:00 check manifests"],
        ),
        (
            "check manifests tomorrow 9am",
            "Say when first",
            ["/remind tomorrow 09:00 check manifests"],
        ),
        ("call the duty officer in 2h", "Say when first", ["/remind in 2h call the duty officer"]),
    ],
)
def test_when_after_the_text_is_answered_with_the_text_after_it(
    typed: str, says: str, examples: list[str]
) -> None:
    with pytest.raises(UsageError) as refused:
        parse_reminder(typed, now=NOW, tz=SEOUL)
    answer = str(refused.value)
    assert answer.startswith(says), answer
    for example in examples:
        assert example in answer, answer
        # Each example is itself a reminder the bot sets, with the person's own text.
        parsed = parse_reminder(example.removeprefix("/remind "), now=NOW, tz=SEOUL)
        assert parsed.text == example.split(" ", 3)[-1].removeprefix("2h ")
