"""500 operations whose digests fall due in the same minute: all sent, within Telegram's limits.

Baseline: Telegram's own limit of 30 messages a second, which makes 500 messages take at least
500 / 30 seconds however fast the bot is.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.app import build_application, start_polling, stop_polling
from bot.config import Access, Config, Storage
from bot.domain.clock import ManualClock
from fakegram.server import FakeBotAPI
from fakegram.types import FakeChat
from storage import operations as operation_store

OPERATIONS = 500
TELEGRAM_RATE = 30  # messages a second, over all chats
START = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
DUE = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)  # 08:00 in Seoul, the default digest time


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
    }


def main(operations: int = OPERATIONS) -> dict[str, Any]:
    """Measure and print; returns the figures for the JSON."""
    f = asyncio.run(measure(operations))
    ok = (
        f["groups_with_exactly_one"] == operations
        and f["max_messages_in_one_second"] <= TELEGRAM_RATE
        and f["sent_by_a_second_run"] == 0
    )
    print(
        f"{operations} digests due in the same minute: sent in {f['seconds']:.1f} s"
        f" (Telegram's {TELEGRAM_RATE} msg/s allows no less than {f['telegram_floor_s']:.1f} s);"
        f" busiest second {f['max_messages_in_one_second']} messages;"
        f" {f['groups_with_exactly_one']}/{operations} groups got exactly one;"
        f" a second pass sent {f['sent_by_a_second_run']} [{'ok ' if ok else 'MISS'}]",
        flush=True,
    )
    return f


if __name__ == "__main__":
    main()
