"""/chart built: storage reads the totals, the drawing runs off the event loop."""

from __future__ import annotations

from datetime import datetime

from bot import worker
from bot.domain.summary import SummaryRequest
from bot.render.chart import chart_data
from bot.render.chart_draw import draw
from storage.chart import chart_source
from storage.database import Database

# A chart is drawn in a second or two at any size (at most 13 bars or 7 lines a panel); past
# this the drawing is stopped and the person told (bot.worker.TimedOut), the worker kept.
CHART_SECONDS = 60.0


async def build_chart(
    db: Database, *, operation_id: int, request: SummaryRequest, now: datetime
) -> bytes:
    """The /chart PNG: over time, one day's totals, or by agency when asked."""
    png, _folded = await drawn_chart(db, operation_id=operation_id, request=request, now=now)
    return png


async def drawn_chart(
    db: Database, *, operation_id: int, request: SummaryRequest, now: datetime
) -> tuple[bytes, int]:
    """The /chart PNG, and how many substances it draws together as "other" (for its caption)."""
    source = await chart_source(db, operation_id=operation_id, request=request, now=now)
    # Words are chosen here, in the reader's language; the drawing is pure and takes seconds of
    # CPU, so it runs in the worker process (bot.worker), where it cannot hold the event loop.
    data = chart_data(source)
    with worker.limited(CHART_SECONDS):
        return await worker.compute(draw, data), data.folded
