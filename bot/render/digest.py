"""The daily digest's text: what was recorded since the last one, the totals, phase, agencies.

Pure: no Telegram, no SQL. storage.schedule.digest_facts gathers the facts; this lays them out.
Times are shown in the operation's zone and, for an agency in another zone, in its zone too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape as _escape

from bot.domain.digest import MAX_REPORT_LINES, Amount, DigestFacts, RecentReport
from bot.domain.phases import phase_status
from bot.domain.unit import Agency, Operation
from bot.domain.units import split_amount, substance_name
from bot.domain.when import city, local_text, zone
from bot.render.i18n import _, ngettext


def escape(text: str) -> str:
    """HTML-safe text; quotes stay as typed (they are fine outside attributes)."""
    return _escape(text, quote=False)


MAX_TOTAL_LINES = 25
_NAME_WIDTH = 16
# Telegram takes 4096 characters; leave room for the EXERCISE label and a late line.
TEXT_BUDGET = 3800


def _time(when: datetime, tz: str) -> str:
    return f"{when.astimezone(zone(tz)):%H:%M}"


def dual_time(when: datetime, operation_tz: str, agency: Agency | None) -> str:
    """'Sat 14:05', or 'Sat 14:05 (Bangkok 12:05)' when the agency lives in another zone."""
    text = f"{when.astimezone(zone(operation_tz)):%a %H:%M}"
    if agency is not None and agency.tz != operation_tz:
        text += f" ({escape(city(agency.tz))} {_time(when, agency.tz)})"
    return text


def _amount_text(amount: Amount) -> str:
    number, word = split_amount(amount.amount, amount.unit, amount.form)
    return f"{number} {word}"


def _table(amounts: Sequence[Amount], limit: int) -> list[str]:
    """An aligned <pre> table of amounts, classified substances before unclassified ones."""
    ordered = sorted(amounts, key=Amount.sort_key)
    shown = ordered[:limit]
    cells = [split_amount(a.amount, a.unit, a.form) for a in shown]
    names = [substance_name(a.substance_key) for a in shown]
    width = min(_NAME_WIDTH, max([len(n) for n in names] + [1]))
    number = max([len(n) for n, _ in cells] + [1])
    word = max([len(w) for _, w in cells] + [1])
    lines = []
    previous = None
    for amount, name, (num, unit) in zip(shown, names, cells, strict=True):
        if amount.substance_key.startswith("?") and not (previous or "").startswith("?"):
            lines.append("Unclassified:")
        label = name if amount.substance_key != previous else ""
        previous = amount.substance_key
        cases = f"{amount.cases:,} case{'' if amount.cases == 1 else 's'}"
        row = f"{num:>{number}} {unit:<{word}}  {cases}"
        if len(label) > width:
            lines += [escape(label), f"{'':<{width}}  {row}"]
        else:
            lines.append(f"{escape(f'{label:<{width}}')}  {row}")
    text = ["<pre>" + "\n".join(line.rstrip() for line in lines) + "</pre>"]
    if len(ordered) > limit:
        text.append(f"… and {len(ordered) - limit} more lines: /summary")
    return text


def _report_line(report: RecentReport, operation: Operation, agencies: dict[int, Agency]) -> str:
    agency = agencies.get(report.agency_id) if report.agency_id is not None else None
    who = escape(agency.code) if agency else "no agency"
    what = ", ".join(
        f"{_amount_text(i)} {escape(substance_name(i.substance_key))}" for i in report.items
    )
    where = f" at {escape(report.location)}" if report.location else ""
    return (
        f"• {dual_time(report.reported_at, operation.tz, agency)} {who} — "
        f"{what or 'no amount'}{where} (#{report.number})"
    )


def _note(note: str, limit: int) -> str:
    return note if len(note) <= limit else note[: limit - 1].rstrip() + "…"


def _agency_lines(facts: DigestFacts, note_limit: int) -> list[str]:
    tz = facts.operation.tz
    lines = []
    for agency in facts.agencies:
        code = escape(agency.code)
        reports = facts.reported.get(agency.id, 0)
        nil = facts.nil_returns.get(agency.id)
        if reports:
            lines.append(f"✅ {code}: reported {reports} seizure{'' if reports == 1 else 's'}")
        elif nil is not None:
            note = f": “{escape(_note(nil.note, note_limit))}”" if nil.note and note_limit else ""
            lines.append(f"☑️ {code}: nil return at {dual_time(nil.reported_at, tz, agency)}{note}")
        else:
            lines.append(f"⚪ {code}: silent")
    return lines


def digest_text(facts: DigestFacts, *, preview: bool = False) -> str:
    """The digest as Telegram HTML (without the EXERCISE label, which the sender adds)."""
    # Less detail until it fits one message; beyond that the outbox sends it in parts.
    tiers = ((MAX_REPORT_LINES, MAX_TOTAL_LINES, 300), (5, 15, 80), (0, 10, 30), (0, 10, 0))
    for reports, totals, notes in tiers:
        text = _digest(
            facts, preview=preview, max_reports=reports, max_totals=totals, note_limit=notes
        )
        if len(text) <= TEXT_BUDGET:
            break
    return text


def _digest(
    facts: DigestFacts, *, preview: bool, max_reports: int, max_totals: int, note_limit: int
) -> str:
    op = facts.operation
    tz = op.tz
    title = "Preview of the daily digest" if preview else "Daily digest"
    lines = [
        f"📋 <b>{title}</b> · {escape(op.code)} · {local_text(facts.until, tz)} ({escape(tz)})",
        phase_status(op, list(facts.phases), facts.until),
        "",
        # By the time each report came in; /summary counts by the day of the seizure.
        _("{reported_since}: {count}, by time of report").format(
            reported_since="<b>"
            + escape(_("Reported since {time}").format(time=local_text(facts.since, tz)))
            + "</b>",
            count=ngettext("{n} report", "{n} reports", facts.report_count).format(
                n=facts.report_count
            )
            if facts.report_count
            else _("no reports"),
        ),
    ]
    if facts.recent_totals:
        lines += _table(facts.recent_totals, max_totals)
    agencies = {a.id: a for a in facts.agencies}
    recent = facts.recent[:max_reports]
    lines += [_report_line(r, op, agencies) for r in recent]
    if facts.report_count > len(recent):
        lines.append(
            escape(_("… and {n} earlier ones.").format(n=facts.report_count - len(recent)))
        )
    lines += [
        "",
        "<b>"
        + escape(_("Running totals"))
        + "</b> "
        + escape(_("(whole operation, by seizure date)")),
    ]
    lines += _table(facts.totals, max_totals) if facts.totals else ["No seizures yet."]
    if facts.agencies:
        lines += [
            "",
            f"<b>Agencies</b> (since {local_text(facts.since, tz)})",
            *_agency_lines(facts, note_limit),
        ]
    return "\n".join(lines)
