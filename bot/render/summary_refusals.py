"""Why a summary or chart was refused, with a command that works."""

from __future__ import annotations

from bot.domain.summary import SummaryRefusal, SummaryRefused
from bot.parsing.period_words import nearest_period
from bot.render.i18n import _
from bot.render.summary_names import periods_help, unknown_phase


def summary_refusal(refused: SummaryRefused) -> str:
    """Why a summary or chart was refused, with a command that works (plain text)."""
    command = refused.command
    if refused.reason is SummaryRefusal.NO_PHASE:
        return _("No phase is running now — e.g. /summary all or /summary 2026-11-01..2026-11-20")
    if refused.reason is SummaryRefusal.UNKNOWN_AGENCY:
        known = ", ".join(refused.known) or _("none yet")
        example = refused.known[0] if refused.known else "KCS"
        return _(
            "No agency {agency} in this operation (agencies: {known}) — e.g. /{command} "
            "agency={example}"
        ).format(agency=refused.asked, known=known, command=command, example=example)
    if refused.reason is SummaryRefusal.UNKNOWN_PHASE:
        return unknown_phase(refused.asked, refused.known, command)
    if any(c.isdigit() for c in refused.asked or ""):
        # '28 Nov.' was read as a substance no report names: say how periods are written here.
        said = _("'{asked}' is not a period I can read.").format(asked=refused.asked)
        return f"{said}\n{periods_help(command)}"
    near = nearest_period(refused.asked or "")
    if near is not None:  # 'last weke'
        return _("Nothing is recorded as '{asked}': did you mean /{command} {near}?").format(
            asked=refused.asked, command=command, near=near
        )
    return _(
        "Nothing is recorded as '{asked}' — e.g. /{command} today, /{command} meth or "
        "/{command} week by agency"
    ).format(asked=refused.asked, command=command)
