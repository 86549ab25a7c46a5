"""The chart's query: totals per day, or per agency, for a /chart request."""

from __future__ import annotations

from datetime import datetime

from bot.domain.chart import ChartSource
from bot.domain.summary import Dimension, SummaryRequest
from storage import dimensions
from storage.database import Database
from storage.summary import resolve_scope, scoped_totals


async def chart_source(
    db: Database, *, operation_id: int, request: SummaryRequest, now: datetime
) -> ChartSource:
    """What /chart draws; SummaryArgsError for an agency or a word the operation lacks."""
    by_agency = request.dimension is Dimension.AGENCY
    scope = await resolve_scope(
        db, operation_id=operation_id, request=request, now=now, command="chart"
    )
    rows, _, _ = await scoped_totals(
        db,
        scope=scope,
        request=request,
        dimension=Dimension.AGENCY if by_agency else Dimension.DAY,
        command="chart",
    )
    # A linked case counts once, as in /summary: on its day (or for its agency) its amount of
    # a substance is its largest report's, never the sum.
    dimension = Dimension.AGENCY if by_agency else Dimension.DAY
    where = dimensions.Scope(
        scope.operation.id,
        scope.dates,
        scope.agency_id,
        request.substance.key if request.substance else None,
        request.substance.form if request.substance else None,
    )
    excess = await dimensions.linked_excess(db, scope=where, dimension=dimension)
    rows = dimensions.counted_once(rows, excess)
    if by_agency:
        codes = {str(a["id"]): str(a["code"]) for a in scope.agency_rows}
        rows = [(codes.get(agency, ""), total) for agency, total in rows]
    # Only days that hold counted reports come back, so an axis drawn from them never runs
    # past the data, however wide the typed range.
    return ChartSource(scope.operation, scope.heading, by_agency, tuple(rows))
