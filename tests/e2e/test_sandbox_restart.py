"""A reminder that fell due while the sandbox was down: sent once at the restart, marked late,
and shown in the terminal (before, it was sent while the bot started and never printed)."""

from __future__ import annotations

import io
import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot import sandbox
from bot.context import OcuApplication

TERMINAL = sandbox.Sandbox


def _fell_due_while_down(data: Path, minutes: int) -> None:
    """What `minutes` of downtime leave: the one-off reminder due that long ago, not sent."""
    now = datetime.now(UTC).replace(microsecond=0)
    with sqlite3.connect(data / "sandbox.sqlite3") as conn:
        (status,) = conn.execute("SELECT status FROM scheduled_message WHERE kind = 'reminder'")
        assert status == ("pending",)
        set_at, due = now - timedelta(minutes=minutes + 1), now - timedelta(minutes=minutes)
        conn.execute("UPDATE reminder SET created_at = ?", (set_at.isoformat(),))
        conn.execute(
            "UPDATE scheduled_message SET due_at = ? WHERE kind = 'reminder'", (due.isoformat(),)
        )
    conn.close()


async def _run(data: Path, lines: list[str], monkeypatch: pytest.MonkeyPatch, **kw: bool) -> str:
    """What the terminal showed of the bot in one sandbox run piped `lines`."""
    shown = io.StringIO()

    class Terminal(TERMINAL):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, out=shown, **kwargs)

    monkeypatch.setattr(sandbox, "Sandbox", Terminal)
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    assert await sandbox.run_sandbox(data, **kw) == 0
    return shown.getvalue()


def _reminders(folder: Path) -> list[tuple[str, str]]:
    """Each reminder's status and its delivery's, from the sandbox's own file."""
    with sqlite3.connect(folder / "sandbox.sqlite3") as conn:
        rows = conn.execute(
            "SELECT m.status, d.status FROM scheduled_message AS m"
            " JOIN delivery AS d ON d.scheduled_id = m.id WHERE m.kind = 'reminder'"
        ).fetchall()
    conn.close()
    return rows


async def test_a_reminder_due_while_the_sandbox_was_down_shows_once_marked_late(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    group = [":as coordinator", ":chat group"]
    out = await _run(
        tmp_path, [*group, "/remind in 1m Missed reminder test"], monkeypatch, fresh=True
    )
    assert "Reminder #1 set: once" in out
    _fell_due_while_down(tmp_path, minutes=3)
    started = sandbox.start_polling

    async def start_and_catch_up(app: OcuApplication) -> None:
        # The restarted clock's catch-up done before the terminal is set up, as on a quick machine.
        await started(app)
        assert app.bot_data.scheduler is not None
        await app.bot_data.scheduler.run_due()

    monkeypatch.setattr(sandbox, "start_polling", start_and_catch_up)
    out = await _run(tmp_path, [*group, "/reminders"], monkeypatch)  # the same data, not --fresh
    assert out.count("Reminder: Missed reminder test") == 1, out  # before: not shown at all
    assert "[bot → SIREN OCU] 🧪 EXERCISE · ⏰ Reminder: Missed reminder test\n(late: due" in out
    assert _reminders(tmp_path) == [("late", "sent")]


async def test_a_reminder_sent_while_the_sandbox_stops_shows_and_is_not_sent_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The piped script ran out as the reminder fell due: the bot sent it while it stopped."""
    group = [":as coordinator", ":chat group"]
    stopping = sandbox.stop_polling

    async def fall_due_and_stop(app: OcuApplication) -> None:
        _fell_due_while_down(tmp_path, minutes=0)
        assert app.bot_data.scheduler is not None
        await app.bot_data.scheduler.run_due()  # the clock's alarm, as the stop begins
        await stopping(app)

    monkeypatch.setattr(sandbox, "stop_polling", fall_due_and_stop)
    out = await _run(tmp_path, [*group, "/remind in 1m Stop test"], monkeypatch, fresh=True)
    # Before: sent to the group, never printed, and gone from /reminders after a restart.
    assert out.count("[bot → SIREN OCU] 🧪 EXERCISE · ⏰ Reminder: Stop test") == 1, out
    monkeypatch.setattr(sandbox, "stop_polling", stopping)
    out = await _run(tmp_path, [*group, "/reminders"], monkeypatch)  # the same data, not --fresh
    # Sent once: not again, not still to come, but listed as sent (one-offs sent stay listed).
    assert "No reminders to come" in out and "⏰ Stop test" in out.split("Already sent")[1], out
    assert _reminders(tmp_path) == [("sent", "sent")]
