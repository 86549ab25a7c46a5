"""/show writes dates, times and units as every other reply does for its reader."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from bot.domain.listing import HistoryEntry, Person, ReportDetail
from bot.domain.stored import StoredItem
from bot.domain.summary import Dimension
from bot.domain.unit import Operation
from bot.render.i18n import using
from bot.render.report_detail import show_report
from bot.render.summary import group_label

SIREN = Operation(1, "SIREN", "Operation Siren", "Asia/Seoul", False, "08:00", 900, 86400)
SENT = datetime(2026, 12, 1, 3, 5, tzinfo=UTC)  # 10:05 in Bangkok, 12:05 in Seoul
OFFICER = Person(1004, "Somchai Jaidee", "somchai_tcd")


def _report() -> ReportDetail:
    yaba = StoredItem(
        "methamphetamine", None, Decimal(8000), "unit", "tablet", "8000 yaba", provisional=False
    )
    return ReportDetail(
        id=1, number=1, officer=OFFICER, officer_id=1004, agency_code="TCD",
        agency_name="Thai Customs", agency_tz="Asia/Bangkok", text="/seizure 8000 yaba at BKK",
        reported_at=SENT, day="2026-12-01", items=(yaba,), location="BKK", origin=None,
        destination=None, transport=None, concealment=None, detection=None, reference=None,
        occurred_on="2026-12-01", tags=(), note=None, latitude=None, longitude=None,
        imported=False, edited_at=None, voided_at=None, voided_by=None, void_reason=None,
        history=(HistoryEntry(SENT, OFFICER, "report"),), media=(),
    )  # fmt: skip


def test_show_in_thai_gives_dates_in_the_buddhist_era_units_in_thai_and_the_agency_zone() -> None:
    with using("th"):
        shown = show_report(SIREN, _report())
    # Before: 'บันทึกเป็น 8,000 unit', 'วันที่ตรวจยึด: 2026-12-01', history '2026-12-01 12:05 KST'.
    assert "8,000 unit" not in shown and "8,000 เม็ด" in shown, shown
    assert "2026-12-01" not in shown and "1 ธ.ค. 2569" in shown, shown
    assert "1 ธ.ค. 2569 10:05 Asia/Bangkok (12:05 KST)" in shown.split("\n")[-1], shown


def test_show_in_korean_gives_the_locales_date_and_unit_word() -> None:
    with using("ko"):
        shown = show_report(SIREN, _report())
    # Before: '(기록값 8,000 unit …)' and '적발일: 2026-12-01'.
    assert "8,000정" in shown and "unit" not in shown, shown
    assert "적발일: 2026. 12. 1." in shown, shown


def test_a_phase_in_a_korean_breakdown_is_dated_as_its_header() -> None:
    names = {"0000": "preparatory", "0000:span": "2026-11-25 – 2026-11-29"}
    with using("ko"):
        label = group_label(Dimension.PHASE, "0000", names)
    # Before: 'preparatory 단계, 2026-11-25 – 2026-11-29' under a header dated '2026. 11. 28.'.
    assert label == "preparatory 단계, 2026. 11. 25. – 2026. 11. 29."
