"""500 operations whose digests fall due in the same minute: all sent, within Telegram's limits.

Each operation's digest covers a real 24-hour window: REPORTS reports recorded through the
bot's own write path during it (every hour or so from noon to the digest), so that every digest
reads reports, their items and the running totals, not an empty operation.

Baseline: Telegram's own limit of 30 messages a second, which makes 500 messages take at least
500 / 30 seconds however fast the bot is.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.app import build_application, start_polling, stop_polling
from bot.config import Access, Config, Storage
from bot.domain.catalogue import Catalogue
from bot.domain.clock import ManualClock
from bot.parsing import parse_seizure
from fakegram.server import FakeBotAPI
from fakegram.types import FakeChat
from storage import operations as operation_store
from storage import seizures as seizure_store
from storage.database import Database

OPERATIONS = 500
TELEGRAM_RATE = 30  # messages a second, over all chats
START = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
DUE = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)  # 08:00 in Seoul, the default digest time
REPORTS = 10  # per operation, inside the window the digest at DUE covers
TEXTS = (
    "{n}g meth at ICN via air cargo", "{n} tablets mdma at BKK", "{n}kg cannabis by post",
)  # fmt: skip


async def _report(db: Database, operation: Any, n: int, catalogue: Catalogue) -> None:
    """One report recorded as /seizure records it, at a time inside the digest's window."""
    now = START + timedelta(minutes=60 * n + operation.id % 60)
    text = "/seizure " + TEXTS[n % len(TEXTS)].format(n=n + 1)
    await seizure_store.record_seizure(
        db,
        operation=operation,
        agency_id=None,
        officer_id=7_000 + n,
        chat_id=-100800000 - operation.id,
        message_id=n + 1,
        update_id=None,
        text=text,
        report=parse_seizure(text, catalogue=catalogue, today=now.date()),
        now=now,
    )


async def measure(operations: int = OPERATIONS) -> dict[str, Any]:
    """Seed the operations and their groups, move the clock to 08:00, send, count."""
    with tempfile.TemporaryDirectory(prefix="ocu-digests-") as name:
        config = Config(
            access=Access(admins=(1,)), storage=Storage(database=Path(name) / "ocu.sqlite3")
        )
        clock = ManualClock(START)
        async with FakeBotAPI() as api:
            app = build_application(
                config,
                clock=clock,
                token=api.token,
                base_url=api.base_url,
                base_file_url=api.base_file_url,
            )
            await start_polling(app)
            try:
                db, scheduler = app.bot_data.db, app.bot_data.scheduler
                assert scheduler is not None
                groups = []
                catalogue = Catalogue.load(None)
                for n in range(operations):
                    op = await operation_store.create_operation(
                        db,
                        code=f"OP{n:03d}",
                        title=f"Operation {n}",
                        tz="Asia/Seoul",
                        exercise=False,
                        actor_id=None,
                        now=START,
                    )
                    group = FakeChat(-100700000 - n, "group", title=f"OCU {n}")
                    api.add_chat(group)
                    await operation_store.bind_chat(
                        db,
                        chat_id=group.id,
                        title=group.title or "",
                        operation_id=op.id,
                        actor_id=1,
                        now=START,
                    )
                    await scheduler.operation_changed(op.id)
                    groups.append(group.id)
                    for k in range(REPORTS):
                        await _report(db, op, k, catalogue)
                clock.set(DUE)
                mark = api.mark()
                started = time.perf_counter()
                first = await scheduler.run_due()
                seconds = time.perf_counter() - started
                again = await scheduler.run_due()
            finally:
                await stop_polling(app)
        sent = [c for c in api.calls[mark:] if c.method == "sendMessage" and c.delivered]
        per_chat = Counter(int(c.result["chat"]["id"]) for c in sent)
        with_reports = sum(1 for c in sent if f"{REPORTS} reports" in str(c.params.get("text")))
        per_second = Counter(int(c.at - sent[0].at) for c in sent) if sent else Counter()
    return {
        "operations": operations,
        "seconds": seconds,
        "telegram_floor_s": operations / TELEGRAM_RATE,
        "sent": first.sent,
        "failed": first.failed,
        "groups_with_exactly_one": sum(1 for g in groups if per_chat[g] == 1),
        "max_messages_in_one_second": max(per_second.values(), default=0),
        "sent_by_a_second_run": again.sent,
        "reports_per_operation": REPORTS,
        "digests_showing_their_reports": with_reports,
    }


def main(operations: int = OPERATIONS) -> dict[str, Any]:
    """Measure and print; returns the figures for the JSON."""
    f = asyncio.run(measure(operations))
    ok = (
        f["groups_with_exactly_one"] == operations
        and f["max_messages_in_one_second"] <= TELEGRAM_RATE
        and f["sent_by_a_second_run"] == 0
        and f["digests_showing_their_reports"] == operations
    )
    print(
        f"{operations} digests due in the same minute, each over {f['reports_per_operation']}"
        f" reports of its last 24 hours ({f['digests_showing_their_reports']} show them):"
        f" sent in {f['seconds']:.1f} s"
        f" (Telegram's {TELEGRAM_RATE} msg/s allows no less than {f['telegram_floor_s']:.1f} s);"
        f" busiest second {f['max_messages_in_one_second']} messages;"
        f" {f['groups_with_exactly_one']}/{operations} groups got exactly one;"
        f" a second pass sent {f['sent_by_a_second_run']} [{'ok ' if ok else 'MISS'}]",
        flush=True,
    )
    return f


if __name__ == "__main__":
    main()
