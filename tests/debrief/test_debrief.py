"""The debriefing pack on an operation shaped like SIREN: by /debrief in private and by the CLI.

Every figure checked is recomputed here from the rows with plain Python, not by the pack's code.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import io
import json
import os
import sqlite3
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pypdfium2 as pdfium
from openpyxl import load_workbook

from bot.__main__ import main
from bot.demo import COORDINATOR, GROUP
from bot.domain.units import format_amount, format_number, normalise_words, substance_name
from bot.render.debrief_layout import MAX_GROUPS
from bot.render.labels import detection_label, transport_label
from fakegram.types import FakeChat
from tests.debrief.seed import SILENT, seed_siren
from tests.e2e.conftest import Harness

DOCS = Path(__file__).resolve().parents[2] / "docs" / "debrief"
AFTER = datetime(2026, 12, 13, 3, 0, tzinfo=UTC)  # the day after the operation, in Seoul noon


def pdf_text(content: bytes) -> str:
    """The text of every page, as a reader would copy it."""
    doc = pdfium.PdfDocument(content)
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


def expected_lines(path: Path, now: datetime) -> list[str]:
    """Lines the PDF must hold, each recomputed from the stored rows."""
    conn = sqlite3.connect(path)
    try:
        live = conn.execute(
            "SELECT s.id, a.code, s.day, s.reported_at, s.transport, s.concealment, s.detection,"
            " s.location, s.origin, s.destination FROM seizure s"
            " LEFT JOIN agency a ON a.id = s.agency_id WHERE s.voided_at IS NULL"
        ).fetchall()
        items = conn.execute(
            "SELECT s.id, i.substance, i.substance_text, i.amount, i.unit, coalesce(i.form, ''),"
            " i.provisional, i.approximate FROM seizure s JOIN seizure_item i"
            " ON i.seizure_id = s.id WHERE s.voided_at IS NULL"
        ).fetchall()
        every = conn.execute("SELECT count(*), count(voided_at) FROM seizure").fetchone()
        corrected = conn.execute(
            "SELECT count(*) FROM seizure WHERE voided_at IS NULL AND edited_at IS NOT NULL"
        ).fetchone()[0]
        nil_rows = conn.execute(
            "SELECT a.code, n.day FROM nil_return n JOIN agency a ON a.id = n.agency_id"
        ).fetchall()
        phases = conn.execute(
            "SELECT name, starts_at, ends_at FROM phase ORDER BY starts_at"
        ).fetchall()
        names = dict(conn.execute("SELECT code, name FROM agency").fetchall())
        case_of = dict(conn.execute("SELECT seizure_id, case_id FROM seizure_case").fetchall())
    finally:
        conn.close()
    # A linked case counts once as /summary counts it: within a group its reports are one case
    # and each substance is its largest report's amount; apart, each report is its own case.
    case = {r[0]: case_of.get(r[0], -r[0]) for r in live}
    per_report: dict[int, dict[tuple[str, str, str], Decimal]] = defaultdict(
        lambda: defaultdict(Decimal)
    )
    for sid, substance, words, amount, unit, form, _, _ in items:
        per_report[sid][(substance or "?" + normalise_words(words), unit, form)] += Decimal(amount)

    def counted(group_of: Callable[[tuple[Any, ...]], object]) -> dict[object, tuple[int, dict]]:
        """Per group: its cases, and per substance key the amount and the cases holding it."""
        largest: dict[tuple[object, int, tuple[str, str, str]], Decimal] = {}
        cases: dict[object, set[int]] = defaultdict(set)
        for r in live:
            value = group_of(r)
            cases[value].add(case[r[0]])
            for key, amount in per_report[r[0]].items():
                at = (value, case[r[0]], key)
                largest[at] = max(largest.get(at, Decimal(0)), amount)
        out: dict[object, tuple[int, dict]] = {v: (len(c), {}) for v, c in cases.items()}
        for (value, _case, key), amount in largest.items():
            got = out[value][1].setdefault(key, [Decimal(0), 0])
            got[0] += amount
            got[1] += 1
        return out

    whole = counted(lambda r: None)[None]
    assert whole[0] == len(live) - 1  # the seeded linked case is one case of two reports
    lines = [
        f"Reports (live) {format_number(Decimal(len(live)))}",
        f"Cases (linked reports once) {format_number(Decimal(whole[0]))}",
    ]
    amounts = {key: amount for key, (amount, _n) in whole[1].items()}
    reports = {key: n for key, (_amount, n) in whole[1].items()}
    order = {"g": 0, "ml": 1, "unit": 2}
    named: set[str] = set()
    for key in sorted(amounts, key=lambda k: (k[0], order[k[1]], k[2])):
        # Headline rows are grouped by substance: its name on its first row (kg, L, tablets).
        row = f"{format_amount(amounts[key], key[1], key[2] or None)} {reports[key]}"
        if key[0] not in named:
            row = f"{substance_name(key[0])} {row}"
            named.add(key[0])
        lines.append(row)
    # Breakdowns: every value with its reports (each has at most MAX_GROUPS values here).
    zone = ZoneInfo("Asia/Seoul")
    spans = [
        (name, datetime.fromisoformat(a).astimezone(zone).date(),
         (datetime.fromisoformat(b) - timedelta(seconds=1)).astimezone(zone).date())
        for name, a, b in phases
    ]  # fmt: skip

    def phase_of(day: str) -> str | None:
        d = date.fromisoformat(day)
        return next((name for name, a, b in spans if a <= d <= b), None)

    def week_of(day: str) -> str:
        year, week, _ = date.fromisoformat(day).isocalendar()
        return f"{year}-W{week:02d}"

    # The timeline's phases as /phase shows them: the end is exclusive, so a phase ending at
    # midnight shows the day before as its last.
    by_phase = counted(lambda r: phase_of(r[2]))
    for name, first, last in spans:
        cases_in = by_phase.get(name, (0, {}))[0]
        lines.append(f"{name} {first:%a %d %b} {last:%a %d %b} {cases_in}")
    label = {"transport": transport_label, "detection": detection_label}
    for dimension, value_of in (
        ("agency", lambda r: r[1]),
        ("phase", lambda r: phase_of(r[2])),
        ("week", lambda r: week_of(r[2])),
        ("transport", lambda r: r[4]),
        # As /summary groups and heads them: 'Suitcase' and ' suitcase' are one group, shown
        # as grouped, in lower case (session 14: no capital that 스피커 could not have).
        ("concealment", lambda r: (r[5].strip().lower() or None) if r[5] else None),
        ("detection", lambda r: r[6]),
        ("location", lambda r: r[7]),
        ("origin", lambda r: r[8]),
        ("destination", lambda r: r[9]),
    ):
        groups = counted(value_of)
        assert len(groups) <= MAX_GROUPS
        for value, (count, _amounts) in groups.items():
            text = "not stated" if value is None else label.get(dimension, str)(value)
            lines.append(f"{text} {count}")
    # The route matrix: each origin's row over the most frequent destinations.
    routes = Counter(
        {route: n for route, (n, _a) in counted(lambda r: (r[8], r[9])).items() if any(route)}
    )
    origins, destinations = Counter(), Counter()
    for (o, t), n in routes.items():
        origins[o] += n
        destinations[t] += n
    # Up to 8 of each, taken route by route: both ends named first, then the most cases.
    top_o: list[str | None] = []
    top_d: list[str | None] = []
    for o, t in sorted(routes, key=lambda r: (None in r, -routes[r], r[0] or "", r[1] or "")):
        if len(set(top_o) | {o}) <= 8 and len(set(top_d) | {t}) <= 8:
            top_o += [o] if o not in top_o else []
            top_d += [t] if t not in top_d else []
    top_o.sort(key=lambda o: (-origins[o], o or ""))
    top_d.sort(key=lambda t: (-destinations[t], t or ""))
    for o in top_o:
        cells = [str(routes[(o, t)]) if routes[(o, t)] else "–" for t in top_d]
        lines.append(" ".join([o or "not stated", *cells, str(origins[o])]))
    # Compliance: days active over the phases up to today, silent days, median delay.
    start = spans[0][1]
    end = min(max(b for _, _, b in spans), now.astimezone(zone).date())
    period = {start + timedelta(days=n) for n in range((end - start).days + 1)}
    for code, name in sorted(names.items()):
        mine = [r for r in live if r[1] == code]
        local = [datetime.fromisoformat(r[3]).astimezone(zone).date() for r in mine]
        nils = [date.fromisoformat(day) for c, day in nil_rows if c == code]
        active = (set(local) | set(nils)) & period
        delay = statistics.median(
            (d - date.fromisoformat(r[2])).days for d, r in zip(local, mine, strict=True)
        )
        lines.append(
            f"{code} {name} {len(mine)} {len(nils)} {len(active)} {len(period - active)}"
            f" {format_number(Decimal(str(delay)))}"
        )
        if code == "TCD" and end >= max(SILENT):
            assert len(period - active) >= len(SILENT)  # the seeded silence shows
    lines += [
        f"Reports received (voided included) {every[0]}",
        f"Voided (left out of every figure) {every[1]}",
        f"Corrected after sending (voided not included) {corrected}",
        f"Provisional items (awaiting the lab) {sum(r[6] for r in items)}",
        f"Approximate amounts {sum(r[7] for r in items)}",
        f"Unclassified items {sum(1 for r in items if r[1] is None)}",
        f"Reports with no administration {sum(1 for r in live if r[1] is None)}",
    ]
    return lines


def check_pdf(content: bytes, path: Path, now: datetime = AFTER) -> str:
    text = pdf_text(content)
    lines = {line.strip() for line in text.replace("\r", "").split("\n")}
    missing = [
        line
        for line in expected_lines(path, now)
        if not any(got.startswith(line) or got.endswith(line) for got in lines)
    ]
    assert missing == []
    conn = sqlite3.connect(path)
    numbers = [
        n
        for (n,) in conn.execute(
            "SELECT s.number FROM seizure_case AS c JOIN seizure AS s ON s.id = c.seizure_id"
            " ORDER BY s.number"
        )
    ]
    conn.close()
    assert "Linked cases" in text and "2 reports are linked into 1 case" in text
    assert f"Case {numbers[0]}" in text and all(f"#{n}" in text for n in numbers)
    assert "Counted once" in text
    return text


def check_annex(content: bytes, path: Path) -> None:
    conn = sqlite3.connect(path)
    (items,) = conn.execute("SELECT count(*) FROM seizure_item").fetchone()
    (reports,) = conn.execute("SELECT count(*) FROM seizure").fetchone()
    (live,) = conn.execute("SELECT count(*) FROM seizure WHERE voided_at IS NULL").fetchone()
    (linked,) = conn.execute("SELECT count(*) FROM seizure_case").fetchone()
    # Each agency's cases as /summary by agency counts them: its live reports, those of one
    # linked case once.
    agency_cases = dict(
        conn.execute(
            "SELECT a.code, count(DISTINCT coalesce(c.case_id, -s.id)) FROM seizure AS s"
            " JOIN agency AS a ON a.id = s.agency_id"
            " LEFT JOIN seizure_case AS c ON c.seizure_id = s.id"
            " WHERE s.voided_at IS NULL GROUP BY a.code"
        ).fetchall()
    )
    conn.close()
    assert linked == 2
    book = load_workbook(io.BytesIO(content), read_only=True)
    # The analysis-ready annex: one row per report, one per item, each under its header.
    assert sum(1 for _ in book["Reports"].iter_rows(values_only=True)) == reports + 1
    assert sum(1 for _ in book["Items"].iter_rows(values_only=True)) == items + 1
    # Two linked reports of two administrations are one case: one row fewer than live reports.
    cases = list(book["Cases"].iter_rows(values_only=True))
    assert len(cases) == live + 1 - 1
    (row,) = [r for r in cases[1:] if r[1] and "," in str(r[1])]
    assert len(str(row[2]).split(", ")) == 2  # both agencies
    agencies = list(book["Agencies"].iter_rows(values_only=True))
    assert agencies[0][-1] == "Cases"
    assert {r[0]: r[-1] for r in agencies[1:]} == agency_cases


async def test_debrief_sends_the_pack_in_private_and_every_figure_matches(siren: Harness) -> None:
    seed_siren(siren.db_path)
    siren.clock.set(AFTER)  # the seminar comes after the operation: compliance over all of it
    cursor = siren.api.cursor(FakeChat.private(COORDINATOR))
    siren.api.send_text(COORDINATOR, GROUP, "/debrief")
    progress = await cursor.next(timeout=60)  # at once, before any work
    assert progress["text"] == "Preparing the debriefing pack of SIREN…"
    pdf_message = await cursor.next(timeout=300)
    annex_message = await cursor.next(timeout=120)
    assert pdf_message["document"]["file_name"].startswith("SIREN-debrief-")
    assert pdf_message["document"]["file_name"].endswith(".pdf")
    assert annex_message["document"]["file_name"].endswith(".xlsx")
    files = [
        next(iter(c.files.values())).content for c in siren.api.calls if c.method == "sendDocument"
    ]
    text = check_pdf(files[-2], siren.db_path)
    assert "LIVE" in text and "Korea Customs Service" in text
    check_annex(files[-1], siren.db_path)
    # The group is told where it went, and nothing of the pack is posted there.
    assert not any(
        c.method == "sendDocument" and c.params.get("chat_id") == GROUP.id for c in siren.api.calls
    )
    # The pages as printed, kept in the repository's docs to be looked at.
    DOCS.mkdir(parents=True, exist_ok=True)
    doc = pdfium.PdfDocument(files[-2])
    for old in DOCS.glob("page-*.png"):
        old.unlink()
    for n in range(len(doc)):
        doc[n].render(scale=1.2).to_pil().convert("RGB").save(DOCS / f"page-{n + 1:02d}.png")


async def test_debrief_cli_writes_the_pdf_and_the_annex(siren: Harness, tmp_path: Path) -> None:
    seed_siren(siren.db_path)
    out = tmp_path / "pack"
    # The CLI runs a loop of its own, beside the running bot (WAL lets both read the file).
    assert (
        await asyncio.to_thread(
            main,
            [
                "debrief",
                "--operation",
                "siren",
                "--out",
                str(out),
                "--database",
                str(siren.db_path),
            ],
        )
        == 0
    )
    (pdf,) = out.glob("SIREN-debrief-*.pdf")
    (xlsx,) = out.glob("SIREN-debrief-annex-*.xlsx")
    check_pdf(pdf.read_bytes(), siren.db_path, datetime.now(UTC))
    check_annex(xlsx.read_bytes(), siren.db_path)
    assert (
        await asyncio.to_thread(
            main,
            ["debrief", "--operation", "NOPE", "--out", str(out), "--database", str(siren.db_path)],
        )
        == 2
    )


async def test_a_korean_pack_names_the_substances_in_korean(siren: Harness) -> None:
    from bot.render.i18n import using
    from bot.render.labels import substance_label

    seed_siren(siren.db_path)
    (op,) = await siren.rows("SELECT id FROM operation WHERE code = 'SIREN'")
    _pdf, text, _missing = await asyncio.to_thread(seeded_pack, siren.db_path, int(op["id"]), "ko")
    with using("ko"):
        korean = substance_label("methamphetamine")
    assert korean != "methamphetamine" and korean in text  # before: "methamphetamine"


_PACKS: dict[str, tuple[bytes, str, list[str]]] = {}
# The folder pytest-xdist's processes of one run share (tests/debrief/conftest.py sets it).
SHARED: list[Path] = []


def seeded_pack(path: Path, operation_id: int, language: str) -> tuple[bytes, str, list[str]]:
    """The pack of seed_siren's operation at AFTER in `language`: its PDF, its text, and the
    glyphs its charts could not draw (matplotlib warns of each).

    Laid out once per run and language (about 1.8 s of processor time a pack): every test that
    seeds SIREN unchanged has the same rows (seed_siren's fixed random seed over the same
    scene), so each would lay out the same pack. Under pytest-xdist the first process to need a
    pack lays it out and the others read it, keyed by the gathered figures it is laid out from
    (a process whose figures differ lays out its own). Tests that change the rows lay out theirs.
    """
    if language not in _PACKS:
        from bot.render.i18n import using
        from storage.debrief import gather

        with using(language):
            debrief = gather(path, operation_id=operation_id, now=AFTER)
        key = f"{language}-{hashlib.sha256(repr(debrief).encode()).hexdigest()[:32]}"
        _PACKS[language] = _shared(key, lambda: _lay_out(debrief, language))
    return _PACKS[language]


def _lay_out(debrief: Any, language: str) -> tuple[bytes, str, list[str]]:
    import warnings

    from bot.render.debrief import build_pdf
    from bot.render.i18n import using

    with using(language), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdf = build_pdf(debrief)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    return pdf, pdf_text(pdf), missing


def _shared(key: str, lay_out: Callable[[], tuple[bytes, str, list[str]]]):
    """lay_out()'s pack, laid out by the first of the run's processes to ask for `key`."""
    if not SHARED or os.name != "posix":
        return lay_out()
    import fcntl

    kept = SHARED[0] / f"seeded-pack-{key}.json"
    with (SHARED[0] / "seeded-packs.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the others wait while the first lays it out
        if kept.exists():
            pdf, text, missing = json.loads(kept.read_text(encoding="utf-8"))
            return base64.b64decode(pdf), text, missing
        pack = lay_out()
        pdf, text, missing = pack
        kept.write_text(json.dumps([base64.b64encode(pdf).decode(), text, missing]), "utf-8")
        return pack


async def test_a_korean_pack_draws_hangul_and_names_substances_as_the_chat_does(
    siren: Harness,
) -> None:
    import re
    import warnings
    from dataclasses import replace

    from bot.render.debrief_charts import daily_chart
    from bot.render.i18n import _, using
    from bot.render.labels import substance_label
    from storage.debrief import gather

    seed_siren(siren.db_path)
    (op,) = await siren.rows("SELECT id FROM operation WHERE code = 'SIREN'")
    for language in ("en", "ko", "th"):
        _pdf, text, missing = seeded_pack(siren.db_path, int(op["id"]), language)
        with using(language):
            debrief = gather(siren.db_path, operation_id=int(op["id"]), now=AFTER)
            cocaine = substance_label("cocaine")
            headed = [
                (_(title), _(column), _("Cases"))
                for title, column in (("By week", "Week"), ("By administration", "Administration"),
                                      ("By location", "Location"), ("By phase", "Phase"))
            ]  # fmt: skip
        # Before: every breakdown's first column was headed "Value" (구분). Thai text comes out
        # of the PDF reshaped, so it is read in English and Korean.
        for title, column, cases in headed if language != "th" else ():
            header = text[text.index(title) :].splitlines()[1]
            assert header.startswith(f"{column} {cases} "), (language, header)
        assert missing == [], (language, missing[:3])
        # Latin agency codes only (no "no administration", no "others"): before, the chart's
        # y-axis "건수" was then drawn as empty boxes (Glyph 44148 missing from Noto Sans).
        latin = replace(
            debrief, daily_by_agency=tuple(r for r in debrief.daily_by_agency if r[1] == "KCS")
        )
        with using(language), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            daily_chart(latin)
        assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []
        # Before: the tables' largest amounts read "622.86 kg cocaine" in a Korean pack.
        if language != "en":
            assert "kg cocaine" not in text and "kg methamphetamine" not in text, language
        assert re.search(r"[0-9] (kg|g) " + re.escape(cocaine), text), language
        if language == "ko":
            # "and 2 more" substances, not "2 more cases" (외 2건).
            assert not re.search(r"외 [0-9,]+건", text)
            assert re.search(r"외 [0-9,]+종", text)


async def test_the_daily_chart_writes_its_dates_in_the_pack_s_language(siren: Harness) -> None:
    import re

    from bot.render import debrief_charts
    from bot.render.i18n import using
    from storage.debrief import gather

    seed_siren(siren.db_path)
    (op,) = await siren.rows("SELECT id FROM operation WHERE code = 'SIREN'")
    drawn: list[str] = []

    def keep(figure: Any) -> bytes:
        figure.canvas.draw()
        drawn.extend(t.get_text() for t in figure.axes[0].get_xticklabels() if t.get_text())
        return b""

    original = debrief_charts._png
    debrief_charts._png = keep
    try:
        shapes = (
            ("en", r"\d{2} (Nov|Dec)"),
            ("ko", r"\d{1,2}월 \d{1,2}일"),
            ("th", r"\d{1,2} (พ\.ย\.|ธ\.ค\.)"),
        )
        for language, shape in shapes:
            drawn.clear()
            with using(language):
                debrief_charts.daily_chart(
                    gather(siren.db_path, operation_id=int(op["id"]), now=AFTER)
                )
            # Before: '20 Nov' in every language.
            assert drawn and all(re.fullmatch(shape, t) for t in drawn), (language, drawn)
    finally:
        debrief_charts._png = original
