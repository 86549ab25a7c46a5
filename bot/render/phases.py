"""The words for a phase that cannot be added, moved or removed, with a valid example."""

from __future__ import annotations

from bot.domain.phases import PhaseRefusal, PhaseRefused
from bot.render.clock import span_text
from bot.render.i18n import _


def phase_refusal(refused: PhaseRefused, *, tz: str) -> str:
    """Why the phase was refused, and the command that would do it (plain text)."""
    name = refused.name
    if refused.reason is PhaseRefusal.TAKEN:
        return _(
            "There is already a phase called {name}. Change it with "
            "/phase edit {name} START END, or choose another name."
        ).format(name=name)
    if refused.reason is PhaseRefusal.MISSING and refused.verb == "edit":
        names = ", ".join(refused.names) or _("none yet")
        return _(
            "There is no phase called {name} (phases: {names}). Add it with "
            "/phase add {name} START END"
        ).format(name=name, names=names)
    if refused.reason is PhaseRefusal.MISSING:
        names = ", ".join(refused.names) or _("none")
        return _(
            "There is no phase called {name} (phases: {names}). Example: /phase rm operational"
        ).format(name=name, names=names)
    assert refused.other is not None and refused.fix is not None
    start, end = refused.fix
    return _(
        "{name} would overlap {other} ({span}). Phases follow one another.\n"
        "Example: /phase {verb} {example} {start} {end}"
    ).format(
        name=name,
        other=refused.other.name,
        span=span_text(refused.other, tz),
        verb=refused.verb,
        example=name or "operational",
        start=start,
        end=end,
    )
