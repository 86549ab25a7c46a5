"""The debriefing pack beside /summary, as a newcomer reads both: the same groups and words.

Reports go in through the bot's own commands; the pack is gathered and laid out as /debrief
does (in a thread here), and its text read as a reader would copy it from the PDF.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from typing import Any

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER
from tests.debrief.test_debrief import pdf_text
from tests.e2e.conftest import Harness


async def _reports(h: Harness) -> None:
    # One concealment in three spellings; a route with an origin only; meth weighed and counted.
    await h.talk.say(KCS_OFFICER, "/seizure 22.1kg meth at ICN in suitcase", GROUP)
    await h.talk.say(KCS_OFFICER, "/seizure 2480 tablets yaba in SUITCASE", GROUP)
    await h.talk.say(TCD_OFFICER, "/seizure 500g cocaine in Suitcase", GROUP)
    await h.talk.say(TCD_OFFICER, "/seizure 30kg cocaine from BR in suitcase", GROUP)
    # The operation's phases begin before its first seizure (the clock's day, 2026-11-20).
    added = await h.talk.text(COORDINATOR, "/phase add operational 2026-11-15 2026-11-30")
    assert "operational" in added, added


async def _pack(h: Harness, language: str = "en") -> tuple[str, Any]:
    from bot.render.debrief import build_pdf
    from bot.render.i18n import using
    from storage.debrief import gather

    (op,) = await h.rows("SELECT id FROM operation WHERE code = 'SIREN'")

    def build() -> tuple[str, Any]:
        with using(language):
            debrief = gather(h.db_path, operation_id=int(op["id"]), now=h.clock.now())
            return pdf_text(build_pdf(debrief)), debrief

    return await asyncio.to_thread(build)


def _section(text: str, title: str) -> list[str]:
    """The lines of one breakdown table: under its title and header, up to the next one."""
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    start = lines.index(title)
    end = next(n for n in range(start + 2, len(lines)) if lines[n].startswith("By "))
    return lines[start + 2 : end]


async def test_the_pack_groups_concealment_as_summary_does(siren: Harness) -> None:
    await _reports(siren)
    summary = await siren.talk.text(COORDINATOR, "/summary by concealment")
    assert "▸ suitcase · 4 cases" in summary, summary  # as grouped, in lower case
    text, _debrief = await _pack(siren)
    # Before: "suitcase 2", "SUITCASE 1", "Suitcase 1" from the same reports.
    rows = _section(text, "By concealment")
    suitcase = [r for r in rows if r.lower().startswith("suitcase")]
    assert len(suitcase) == 1 and re.match(r"suitcase 4\b", suitcase[0]), rows
    assert not [r for r in rows if "SUITCASE" in r], rows  # a case keeps its own words


async def test_a_largest_case_with_one_end_of_its_route_says_not_stated(siren: Harness) -> None:
    await _reports(siren)
    text, _debrief = await _pack(siren)
    assert "Route: BR to not stated" in text  # before: "Route: BR to ?"
    assert "to ?" not in text and "? to" not in text


async def test_a_korean_and_thai_pack_translate_the_conversion_factors(siren: Harness) -> None:
    from bot.domain.equivalents import SOURCE
    from bot.render.i18n import _, using

    await _reports(siren)
    for language in ("ko", "th"):
        with using(language):
            per_tablet, source = _("0.1 g per tablet"), _(SOURCE)
        assert per_tablet != "0.1 g per tablet" and source != SOURCE, language
        text, _debrief = await _pack(siren, language)
        # Before: "0.1 g per tablet", "1 kg per litre" and the note in English.
        assert "per tablet" not in text and "per litre" not in text, language
        assert "conventional factors" not in text, language
        if language == "ko":  # Thai comes out of the PDF reshaped: read in Korean
            flat = " ".join(text.split())
            assert f"2,480정 {per_tablet} 0.248" in flat and source[:20] in flat, flat


async def test_compliance_states_its_days_and_what_a_silent_day_counts(siren: Harness) -> None:
    await _reports(siren)
    # Here the agencies joined before the phase began: the scene adds them on the 20th, and an
    # agency is not counted silent before it joined (tests/e2e/test_joined_agency.py).
    with sqlite3.connect(siren.db_path) as conn:
        conn.execute("UPDATE agency SET joined_at = '2026-11-10T00:00:00+00:00'")
    summary = await siren.talk.text(COORDINATOR, "/summary")
    # /summary's whole operation begins where the debrief's does: the first phase's start.
    assert "Whole operation, 2026-11-15 – 2026-11-20" in summary, summary
    text, _debrief = await _pack(siren)
    flat = " ".join(text.split())
    # Before: "Over the 6 days of the operation so far" and a column "Silent days", beside
    # /summary's "Silent:" naming agencies: two counts that read as one, and no dates.
    assert (
        "Over the operation's phases so far, 2026-11-15 to 2026-11-20 (6 days), from the first "
        "phase's start rather than the first seizure." in flat
    ), flat
    assert "Days with no report and no nil return" in flat
    assert "Silent days" not in flat
    # KCS reported on the 20th only: 5 days with neither of the 6.
    assert re.search(r"KCS .* 2 0 1 5 ", flat), flat


async def test_the_kg_equivalent_chart_shows_the_table_s_figure_and_says_what_it_adds(
    siren: Harness,
) -> None:
    from matplotlib.colors import to_hex

    from bot.render import debrief_charts
    from bot.render.chart import substance_styles
    from bot.render.chart_draw import colour

    await _reports(siren)
    drawn: list[str] = []
    original = debrief_charts._png

    scales: list[tuple[str, float]] = []
    colours: dict[str, str] = {}

    def keep(figure: Any) -> bytes:
        figure.canvas.draw()
        axes = figure.axes[0]
        drawn.extend(t.get_text().strip() for t in axes.texts)
        drawn.append(axes.get_xlabel())
        if axes.get_xlabel().startswith("kg-equivalent"):
            scales.append((axes.get_xscale(), axes.get_xlim()[0]))
            names = [t.get_text() for t in axes.get_yticklabels()]
            colours.update(
                zip(names, [to_hex(b.get_facecolor()) for b in axes.patches], strict=True)
            )
        return original(figure)

    debrief_charts._png = keep
    try:
        text, _debrief = await _pack(siren)
    finally:
        debrief_charts._png = original
    flat = " ".join(text.split())
    # 22.1 kg weighed and 2,480 tablets at 0.1 g: the bar read 22.3, the table 22.1 and 0.248.
    assert "22.1 kg weighed 22.1" in flat and "0.248" in flat, flat
    assert "Total (the chart's bar) 22.348" in flat, flat
    assert "22.348" in drawn, drawn
    # Bars from zero on a linear scale (a log scale drew 1 kg half as long as 15 kg), each in
    # its substance's colour on /chart.
    assert scales == [("linear", 0.0)], scales
    meth = to_hex(colour(substance_styles({"methamphetamine"})["methamphetamine"]))
    assert colours.get("methamphetamine") == meth, colours
    assert "Each bar adds up a substance's kilograms weighed and its tablets" in flat
