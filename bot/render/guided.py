"""The words of guided entry: one question a step, and the report it builds."""

from __future__ import annotations

from html import escape

# The catalogue's names officers use most, offered as buttons; anything else is typed.
COMMON_SUBSTANCES = ("meth", "cocaine", "heroin", "cannabis", "ketamine", "MDMA", "yaba")
UNITS = ("kg", "g", "tablets", "l", "ml")
CANCEL = "Cancel"
SKIP = "Skip"
RECORD = "Record it"


def ask_substance() -> str:
    """Step 1."""
    return (
        "New report (1/4): what was seized? Choose below or type the name (e.g. ketamine). "
        "/cancel stops."
    )


def ask_amount(substance: str) -> str:
    """Step 2."""
    return (
        f"New report (2/4): how much {escape(substance)}? Type the number, e.g. 2 or 1.5 "
        "(or with its unit, e.g. 2 kg)."
    )


def bad_amount(text: str) -> str:
    """A step-2 answer that is not an amount."""
    return (
        f"{escape(text[:40])} is not an amount. Type a number such as 2 or 1.5, or with its "
        "unit, e.g. 2 kg; /cancel stops."
    )


def ask_unit(amount: str) -> str:
    """Step 3."""
    return f"New report (3/4): {escape(amount)} what? Choose the unit or type it (e.g. kg)."


def bad_unit(text: str) -> str:
    """A step-3 answer that is not a unit."""
    return f"{escape(text[:40])} is not a unit here. Choose one below, or type kg, g or tablets."


def ask_place() -> str:
    """Step 4."""
    return "New report (4/4): where? Type the place (e.g. ICN cargo terminal), or Skip."


def confirm(typed: str) -> str:
    """The report as it will be recorded, before it is."""
    return (
        f"Record this report?\n<code>{escape(typed)}</code>\n"
        "Next time you can send it just like that."
    )


def press_a_button() -> str:
    """Typed text while the report waits for Record it or Cancel."""
    return "Press Record it to record the report above, or Cancel. /cancel stops."


CANCELLED = "Report cancelled; nothing was recorded."
NOTHING_TO_CANCEL = "There is no report in progress. /seizure alone starts one step by step."
EXPIRED = "This report in progress has ended. Send /seizure to start again."
