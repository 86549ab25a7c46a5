"""/summary, /chart and /export through the bot, for a known set of reports."""

from __future__ import annotations

import csv
import io
import os
import signal
from datetime import timedelta

from openpyxl import load_workbook
from PIL import Image

from bot import worker
from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, OBSERVER, TCD_OFFICER
from fakegram.types import FakeChat
from tests.e2e.conftest import Harness


async def _known_reports(h: Harness) -> None:
    """Two days of reports: KCS and TCD seizures, a void, an unclassified name, a nil return."""
    say = h.talk.say
    await say(KCS_OFFICER, "/seizure 22kg methamphetamine at ICN via air cargo", GROUP)
    await say(KCS_OFFICER, "/seizure 0.1kg meth + 0.2kg meth at ICN", GROUP)
    await say(TCD_OFFICER, "/seizure 29 thousand amphetamine pills @BKK by post", GROUP)
    await say(TCD_OFFICER, "/seizure 3.5 l GBL @BKK", GROUP)
    await say(TCD_OFFICER, "/seizure 2kg zombie dust @BKK", GROUP)
    await say(KCS_OFFICER, "/seizure 5kg cocaine at ICN", GROUP)
    await say(COORDINATOR, "/void 6 entered by mistake", GROUP)
    h.clock.advance(timedelta(days=1))
    await say(KCS_OFFICER, "/seizure 479 ecstasy pills at ICN", GROUP)
    await say(TCD_OFFICER, "/nil BKK mail centre checked", GROUP)


async def test_summary_of_the_whole_operation(siren: Harness) -> None:
    await _known_reports(siren)
    text = await siren.talk.text(OBSERVER, "/summary")
    lines = text.splitlines()
    assert any(line.split() == ["methamphetamine", "22.3", "kg", "2"] for line in lines), text
    assert any(line.split() == ["amphetamine", "29,000", "tablets", "1"] for line in lines)
    assert any(line.split() == ["MDMA", "479", "tablets", "1"] for line in lines)
    assert any(line.split() == ["GHB", "3.5", "L", "1"] for line in lines)
    assert "cocaine" not in text  # voided reports never count
    assert '"zombie dust"' in text  # unclassified, listed apart
    assert text.index('"zombie dust"') > text.index("methamphetamine")


async def test_summary_periods_dimensions_and_filters(siren: Harness) -> None:
    await _known_reports(siren)
    today = await siren.talk.text(COORDINATOR, "/summary today")
    assert "MDMA" in today and "methamphetamine" not in today
    assert "Nil returns: TCD" in today
    yesterday = await siren.talk.text(COORDINATOR, "/summary yesterday by agency")
    firsts = [line.split()[0] for line in yesterday.splitlines() if line.strip()]
    kcs, tcd = firsts.index("▸"), len(firsts) - 1 - firsts[::-1].index("▸")
    assert kcs < firsts.index("methamphetamine") < tcd < firsts.index("amphetamine")
    assert "MDMA" not in yesterday
    meth = await siren.talk.text(COORDINATOR, "/summary meth")
    meth_firsts = [line.split()[0] for line in meth.splitlines() if line.strip()]
    assert "methamphetamine" in meth_firsts and "amphetamine" not in meth_firsts
    tcd_only = await siren.talk.text(COORDINATOR, "/summary agency=TCD")
    assert "GHB" in tcd_only and "methamphetamine" not in tcd_only
    by_transport = await siren.talk.text(COORDINATOR, "/summary by transport")
    assert "air cargo" in by_transport.lower() or "air_cargo" in by_transport
    dated = await siren.talk.text(COORDINATOR, "/summary 2026-11-20..2026-11-21 by day")
    assert "2026-11-20" in dated or "20 Nov" in dated


async def test_summary_bad_arguments_get_an_example(siren: Harness) -> None:
    text = await siren.talk.text(COORDINATOR, "/summary by colour")
    assert "e.g. /summary" in text
    text = await siren.talk.text(COORDINATOR, "/summary 2026-02-30")
    assert "e.g." in text


async def test_chart_arrives_as_a_png(siren: Harness) -> None:
    await _known_reports(siren)
    cursor = siren.api.cursor(GROUP)
    siren.api.send_text(COORDINATOR, GROUP, "/chart")
    # The first chart of a run may wait for the worker to start and load matplotlib (bot.worker).
    photo = await cursor.next(timeout=60)
    assert "photo" in photo and "SIREN" in photo["caption"]
    call = next(c for c in reversed(siren.api.calls) if c.method == "sendPhoto")
    content = next(iter(call.files.values())).content
    assert content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) > 5000
    siren.api.send_text(COORDINATOR, GROUP, "/chart by agency")
    assert "photo" in await cursor.next()


async def test_a_killed_worker_is_replaced_and_the_chart_still_comes(siren: Harness) -> None:
    # An OOM kill of the worker during a big export left the next /chart with a fault message.
    await _known_reports(siren)
    await worker.ready()
    pool = worker._pool
    assert pool is not None
    for pid in list(pool._processes):
        os.kill(pid, signal.SIGKILL)
    cursor = siren.api.cursor(GROUP)
    siren.api.send_text(COORDINATOR, GROUP, "/chart")
    photo = await cursor.next(timeout=60)
    assert "photo" in photo and "SIREN" in photo["caption"], photo.get("text")
    assert worker._pool is not pool


async def test_chart_and_summary_refuse_dates_no_operation_has(siren: Harness) -> None:
    # Centuries of days froze every chat for half a minute, then ended in a fault.
    text = await siren.talk.text(OBSERVER, "/chart 0001-01-01..9999-12-31")
    assert text == (
        "'0001-01-01': the year must be between 2000 and 2100 — "
        "e.g. /chart 2026-11-20 or /chart 2026-11-01..2026-11-20"
    )
    text = await siren.talk.text(COORDINATOR, "/summary 2026-11-01..2100-12-31")
    assert text == "A range can cover at most 10 years — e.g. /summary 2026-11-01..2036-10-31"
    corrected = await siren.talk.text(COORDINATOR, "/summary 2026-11-01..2036-10-31")
    assert "2026-11-01 – 2036-10-31" in corrected


async def test_a_wide_chart_spans_only_the_days_with_reports(siren: Harness) -> None:
    await _known_reports(siren)
    cursor = siren.api.cursor(FakeChat.private(OBSERVER))
    siren.api.send_text(OBSERVER, FakeChat.private(OBSERVER), "/chart 2020-01-01..2029-12-31")
    assert "photo" in await cursor.next()
    call = next(c for c in reversed(siren.api.calls) if c.method == "sendPhoto")
    png = Image.open(io.BytesIO(next(iter(call.files.values())).content))
    assert png.format == "PNG"
    assert "days 2026-11-20 – 2026-11-21" in png.info["Description"]


def _last_png(h: Harness) -> Image.Image:
    call = next(c for c in reversed(h.api.calls) if c.method == "sendPhoto")
    return Image.open(io.BytesIO(next(iter(call.files.values())).content))


async def test_chart_today_is_that_day_as_bars_on_a_phone(siren: Harness) -> None:
    # It drew an axis from 2025 to 2029 with one dot per substance, 990 x 1804 px.
    await _known_reports(siren)
    cursor = siren.api.cursor(GROUP)
    siren.api.send_text(COORDINATOR, GROUP, "/chart today")
    assert "photo" in await cursor.next()
    png = _last_png(siren)
    assert png.format == "PNG" and png.size[0] == 1080 and png.size[1] <= 1280
    described = png.info["Description"]
    assert "Seizures of the day · Today, 2026-11-21" in described
    assert "day 2026-11-21" in described and "days " not in described
    assert "MDMA" in described and "methamphetamine" not in described


async def test_the_chart_keeps_small_amounts_visible(siren: Harness) -> None:
    # 29,000 amphetamine tablets flattened 479 ecstasy pills to zero on a linear scale.
    await _known_reports(siren)
    cursor = siren.api.cursor(GROUP)
    siren.api.send_text(COORDINATOR, GROUP, "/chart")
    assert "photo" in await cursor.next()
    png = _last_png(siren)
    described = png.info["Description"]
    assert "tablets, cumulative, log scale" in described
    assert "days 2026-11-20 – 2026-11-21" in described
    assert png.size[0] == 1080 and png.size[1] <= 1280


async def test_a_korean_officer_gets_the_chart_in_korean(siren: Harness) -> None:
    await _known_reports(siren)
    private = FakeChat.private(KCS_OFFICER)
    await siren.talk.say(KCS_OFFICER, "/language ko", private)
    cursor = siren.api.cursor(private)
    siren.api.send_text(KCS_OFFICER, private, "/chart by agency")
    assert "photo" in await cursor.next()
    described = _last_png(siren).info["Description"]
    assert "기관별 적발량" in described and "KCS · MDMA" in described
    # Bars start at zero on a linear scale: on a log scale 2 kg drew near 22.3 kg's length.
    assert "로그 눈금" not in described and "; kg, L, " in described, described


async def test_chart_week_by_agency_draws_bars_from_zero(siren: Harness) -> None:
    await _known_reports(siren)
    cursor = siren.api.cursor(GROUP)
    siren.api.send_text(COORDINATOR, GROUP, "/chart week by agency")
    assert "photo" in await cursor.next()
    described = _last_png(siren).info["Description"]
    # Before: "kg, log scale", 1 kg half as long as 15 kg.
    assert "Seizures by agency" in described and "log scale" not in described, described


async def test_export_csv_and_xlsx_match_the_database(siren: Harness) -> None:
    await _known_reports(siren)
    items = await siren.rows(
        "SELECT s.id, i.amount, i.unit, s.voided_at, s.number FROM seizure s"
        " JOIN seizure_item i ON i.seizure_id = s.id ORDER BY s.id, i.position"
    )
    officer = await siren.talk.text(KCS_OFFICER, "/export")
    assert officer == "Only a coordinator of this operation can do that."

    # Asked in the group, delivered in private: the file holds officers' names and ids.
    cursor = siren.api.cursor(FakeChat.private(COORDINATOR))
    siren.api.send_text(COORDINATOR, GROUP, "/export csv")
    assert (await cursor.next())["text"] == "Exporting… 0 %"  # at once, before any work
    document = await cursor.next()
    assert document["document"]["file_name"].startswith("SIREN-reports-")
    call = next(c for c in reversed(siren.api.calls) if c.method == "sendDocument")
    raw = next(iter(call.files.values())).content
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(items) == 8
    exported = [(int(r["report_id"]), r["amount"], r["unit"], r["voided"]) for r in rows]
    stored = [(r["id"], r["amount"], r["unit"], "yes" if r["voided_at"] else "") for r in items]
    assert exported == stored
    assert [r["void_reason"] for r in rows if r["voided"]] == ["entered by mistake"]

    siren.api.send_text(COORDINATOR, GROUP, "/export xlsx")
    await cursor.next()  # the progress message
    await cursor.next()
    call = next(c for c in reversed(siren.api.calls) if c.method == "sendDocument")
    book = load_workbook(io.BytesIO(next(iter(call.files.values())).content), read_only=True)
    table = [list(row) for row in book["Items"].iter_rows(values_only=True)]
    header = table[0]
    at = {name: header.index(name) for name in ("Report", "Amount (g, ml or units)", "Unit")}
    assert [tuple(r[i] for i in at.values()) for r in table[1:]] == [
        (r["number"], float(str(r["amount"])), r["unit"]) for r in items
    ]

    bad = await siren.talk.text(COORDINATOR, "/export pdf")
    assert "Export as csv or xlsx" in bad
    await siren.talk.say(COORDINATOR, "/language ko")
    bad = await siren.talk.text(COORDINATOR, "/export pdf")
    assert "csv 또는 xlsx로만 내보낼 수 있습니다." in bad and "Export as" not in bad
