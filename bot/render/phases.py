"""The words for a phase that cannot be added, moved or removed, with a valid example."""

from __future__ import annotations

from bot.domain.phases import PhaseRefusal, PhaseRefused, span_text


def phase_refusal(refused: PhaseRefused, *, tz: str) -> str:
    """Why the phase was refused, and the command that would do it (plain text)."""
    name = refused.name
    if refused.reason is PhaseRefusal.TAKEN:
        return (
            f"There is already a phase called {name}. Change it with "
            f"/phase edit {name} START END, or choose another name."
        )
    if refused.reason is PhaseRefusal.MISSING and refused.verb == "edit":
        names = ", ".join(refused.names) or "none yet"
        return (
            f"There is no phase called {name} (phases: {names}). Add it with "
            f"/phase add {name} START END"
        )
    if refused.reason is PhaseRefusal.MISSING:
        names = ", ".join(refused.names) or "none"
        return f"There is no phase called {name} (phases: {names}). Example: /phase rm operational"
    assert refused.other is not None and refused.fix is not None
    start, end = refused.fix
    return (
        f"{name} would overlap {refused.other.name} ({span_text(refused.other, tz)}). "
        f"Phases follow one another.\nExample: /phase {refused.verb} {name or 'operational'} "
        f"{start} {end}"
    )
