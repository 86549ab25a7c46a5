"""What a person reads while a heavy request (an export, the debriefing pack, a chart) is made."""

from __future__ import annotations

from html import escape

from bot.render.i18n import _, ngettext


def export_busy(fmt: str, code: str) -> str:
    """The same export asked again while it is being prepared."""
    return _(
        "The {format} export of {code} you asked for is already being prepared; "
        "it will arrive here."
    ).format(format=fmt.upper(), code=escape(code))


def debrief_busy(code: str) -> str:
    """The debriefing pack asked again while it is being prepared."""
    return _(
        "The debriefing pack of {code} is already being prepared; it will arrive here."
    ).format(code=escape(code))


def chart_busy(code: str) -> str:
    """The same chart asked again while it is being drawn."""
    return _("This chart of {code} is already being drawn; it will arrive here.").format(
        code=escape(code)
    )


def debrief_preparing(code: str) -> str:
    """The debriefing pack's progress message, sent at once."""
    return _("Preparing the debriefing pack of {code}…").format(code=escape(code))


def debrief_sending(code: str) -> str:
    """The progress message once the pack is built."""
    return _("The debriefing pack of {code} is ready; sending the two files.").format(
        code=escape(code)
    )


def not_prepared(command: str) -> str:
    """A heavy request the worker could not make (it did not start, or died twice)."""
    return _(
        "This could not be prepared because of a fault on our side; nothing was sent. "
        "Please send {command} again in a minute."
    ).format(command=escape(command))


def too_long(command: str, seconds: float, smaller: str = "") -> str:
    """A heavy request stopped past its time limit: said, with what to do, never silence."""
    minutes = max(1, round(seconds / 60))
    took = ngettext(
        "{command} took more than {n} minute and was stopped; nothing was sent.",
        "{command} took more than {n} minutes and was stopped; nothing was sent.",
        minutes,
    ).format(command=escape(command), n=minutes)
    if smaller:
        return (
            took
            + " "
            + _("Ask for less, e.g. {smaller}, or try again later.").format(smaller=escape(smaller))
        )
    return took + " " + _("Please try again later.")
