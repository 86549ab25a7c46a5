"""A Thai or Korean officer's place in their own grammar is the place (session 14): ที่ (at)
before it, glued or not, or 에서 after it; before, it sat in the note with a hint to retype it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.demo import GROUP, KCS_OFFICER, TCD_OFFICER
from tests.e2e.conftest import Harness

BANGKOK = ZoneInfo("Asia/Bangkok")


async def test_a_place_after_thai_at_or_before_korean_at_is_recorded(siren: Harness) -> None:
    siren.clock.set(datetime(2026, 11, 25, 15, tzinfo=BANGKOK))
    thai = await siren.talk.text(TCD_OFFICER, "/seizure ยาบ้า 200 เม็ด ที่ สนามบินสุวรรณภูมิ", GROUP)
    assert "at: สนามบินสุวรรณภูมิ" in thai and "note:" not in thai, thai
    glued = await siren.talk.text(TCD_OFFICER, "/seizure ยาบ้า200เม็ดที่BKK", GROUP)
    assert "at: BKK" in glued and "note:" not in glued, glued
    korean = await siren.talk.text(KCS_OFFICER, "/seizure 필로폰 500그램 인천공항에서", GROUP)
    assert "at: 인천공항" in korean and "note:" not in korean, korean
    # ที่ that is no "at" (-est) stays in the note, as typed.
    most = await siren.talk.text(TCD_OFFICER, "/seizure ยาบ้า 200 เม็ด ที่สุด", GROUP)
    assert "note: ที่สุด" in most and "at:" not in most, most
    rows = await siren.rows("SELECT location, note FROM seizure ORDER BY id")
    assert [(r["location"], r["note"]) for r in rows] == [
        ("สนามบินสุวรรณภูมิ", None),
        ("BKK", None),
        ("인천공항", None),
        (None, "ที่สุด"),
    ]
