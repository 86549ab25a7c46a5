"""The words of guided entry: one question a step, and the report it builds."""

from __future__ import annotations

from html import escape

from bot.render.i18n import N_, _
from bot.render.labels import substance_label

# The catalogue's names officers use most, offered as buttons; anything else is typed.
COMMON_SUBSTANCES = ("meth", "cocaine", "heroin", "cannabis", "ketamine", "MDMA", "yaba")
# A button shows the substance in the reader's words; the report gets the word above.
_CATALOGUE_KEYS = {"meth": "methamphetamine", "MDMA": "mdma"}
YABA = N_("yaba")  # methamphetamine tablets: named apart from meth, as officers do
UNITS = ("kg", "g", "tablets", "l", "ml")
# A unit button reads in the reader's words (each one the grammar reads too); its data and
# the report keep the word above.
_UNIT_LABELS = {
    "kg": N_("kg"),
    "g": N_("g"),
    "tablets": N_("tablets"),
    "l": N_("L"),
    "ml": N_("ml"),
}
CANCEL = N_("Cancel")
SKIP = N_("Skip")
RECORD = N_("Record it")


def substance_button(word: str) -> str:
    """A common substance as its button reads: the catalogue's name in the reader's language."""
    if word == "yaba":
        return _(YABA)
    return substance_label(_CATALOGUE_KEYS.get(word, word))


# The buttons of each unit the reports store (grams, millilitres, counted units).
_STORED_UNITS = {"g": ("kg", "g"), "unit": ("tablets",), "ml": ("l", "ml")}


def unit_order(reported: dict[str, int], form: str | None) -> tuple[str, ...]:
    """The unit buttons, what the substance is usually reported in first: by the operation's
    reports of it (cases per stored unit), else tablets first for a substance counted by
    default (yaba, ยาบ้า), else kg first."""
    ranked = sorted((u for u, n in reported.items() if n > 0 and u in _STORED_UNITS),
                    key=lambda u: (-reported[u], list(_STORED_UNITS).index(u)))  # fmt: skip
    if not ranked and form is not None:
        ranked = ["unit"]
    first = [button for stored in ranked for button in _STORED_UNITS[stored]]
    return (*first, *(u for u in UNITS if u not in first))


def unit_button(unit: str) -> str:
    """A unit as its button reads, in the reader's language; a typed unit as typed."""
    return _(_UNIT_LABELS[unit]) if unit in _UNIT_LABELS else unit


def so_far(amount: str | None, unit: str | None, substance: str | None, place: str | None) -> str:
    """A draft's answers in the reader's words, e.g. "2 kg meth" (for saying what was dropped)."""
    if substance in COMMON_SUBSTANCES:
        substance = substance_button(substance)
    what = " ".join(word for word in (amount, unit and unit_button(unit), substance) if word)
    return _("{what} at {place}").format(what=what, place=place) if place else what


def ask_substance() -> str:
    """Step 1."""
    return _(
        "New report (1/3): what was seized? Choose below or type the name (e.g. ketamine). "
        "/cancel stops."
    )


def ask_amount(substance: str) -> str:
    """Step 2."""
    return _(
        "New report (2/3): how much {substance}? Type the number, e.g. 2 or 1.5 "
        "(or with its unit, e.g. 2 kg)."
    ).format(
        substance=escape(
            substance_button(substance) if substance in COMMON_SUBSTANCES else substance
        )
    )


def cut(text: str, limit: int = 40) -> str:
    """A typed answer quoted back, cut at a word with an ellipsis when it is long."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    words = head.rsplit(" ", 1)[0] if " " in head else head
    return words.rstrip(" ,;:") + "…"


def bad_amount(text: str) -> str:
    """A step-2 answer that is not an amount."""
    return _(
        "{text} is not an amount. Type a number such as 2 or 1.5, or with its "
        "unit, e.g. 2 kg; /cancel stops."
    ).format(text=escape(cut(text)))


def ask_unit(amount: str) -> str:
    """Step 3."""
    return _("New report (2/3): {amount} what? Choose the unit or type it (e.g. {kg}).").format(
        amount=escape(amount), kg=escape(unit_button("kg"))
    )


def bad_unit(text: str) -> str:
    """A step-3 answer that is not a unit: the units named as the buttons read them."""
    # The reader's words first (a Thai officer saw กก. on the buttons, then 'type kg'), and the
    # English ones, which the grammar reads in every language, said to work too.
    kg, g, tablets = (unit_button(u) for u in ("kg", "g", "tablets"))
    text = _("{text} is not a unit here. Choose one below, or type {kg}, {g} or {tablets}.").format(
        text=escape(cut(text)), kg=escape(kg), g=escape(g), tablets=escape(tablets)
    )
    if (kg, g, tablets) != ("kg", "g", "tablets"):
        text += " " + _("The English kg, g and tablets work too.")
    return text


def ask_place() -> str:
    """Step 4."""
    return _("New report (3/3): where? Type the place (e.g. ICN cargo terminal), or Skip.")


def started_again(so_far: str) -> str:
    """/seizure alone (or New report) while an earlier report was still being answered."""
    return _(
        "Started again: your unfinished report ({so_far}) was dropped; nothing of it was recorded."
    ).format(so_far=escape(so_far))


def confirm(typed: str) -> str:
    """The report as it will be recorded, before it is."""
    return _(
        "Record this report?\n<code>{typed}</code>\nNext time you can send it just like that."
    ).format(typed=escape(typed))


def press_a_button() -> str:
    """Typed text while the report waits for Record it or Cancel."""
    return _("Press Record it to record the report above, or Cancel. /cancel stops.")


CANCELLED = N_("Report cancelled; nothing was recorded.")


def cancelled(so_far: str) -> str:
    """/cancel: the unfinished report it ended, by what it held; recorded reports stay."""
    if so_far:
        head = _(
            "Cancelled your unfinished step-by-step report ({so_far}); nothing of it was recorded."
        ).format(so_far=escape(so_far))
    else:
        head = _("Cancelled your unfinished step-by-step report; nothing of it was recorded.")
    return (
        head
        + "\n"
        + _(
            "Reports already recorded are untouched: Undo under one, or /void NUMBER REASON, "
            "takes it back (/mine lists yours)."
        )
    )


NOTHING_TO_CANCEL = N_("There is no report in progress. /seizure alone starts one step by step.")
NOTHING_TO_CANCEL_IN_GROUP = N_(
    "Nothing to cancel here. In the group, /cancel takes back a question of yours still waiting "
    "for its answer (Record it / Cancel). A report entered step by step is cancelled in our "
    "private chat; a recorded one is taken back with /void NUMBER REASON, "
    "e.g. /void 12 typed twice."
)
EXPIRED = N_("This report in progress has ended. Send /seizure to start again.")
NOT_THIS_QUESTION = N_(
    "This button is not under your report's current question; nothing was recorded. "
    "Use the buttons of the newest question, or send /seizure to start again."
)
# After another command answered, the report still waiting is asked again below it.
STILL_UNRECORDED = N_("Your report is not recorded yet: press Record it below, or /cancel.")
STILL_OPEN = N_("Your report in progress is still open: answer below, or /cancel.")


def begun_in(code: str, now_in: str) -> str:
    """A report in progress begun before /use chose another operation: where it records."""
    return _("It was begun in {code} and is recorded in {code}, not in {now_in}.").format(
        code=escape(code), now_in=escape(now_in)
    )


STILL_OPEN_ABOVE = N_(
    "Your report in progress is still open too: its own buttons are under its question"
    " further up, quoted here. The buttons just above answer your last command, not it."
)
NOT_CONFIRMED_YET = N_(
    "Nothing was recorded: your report is not complete yet. Answer the newest question first."
)


def already_recorded(number: int) -> str:
    """Record it pressed again after the report was recorded."""
    return _("This report is already recorded as #{number}; it was not recorded again.").format(
        number=number
    )


def bad_substance(text: str) -> str:
    """A step-1 answer that is not a substance name on its own."""
    return _(
        "{text} cannot be read as the name of what was seized. Type only the name, "
        "e.g. ketamine, or choose below; /cancel stops."
    ).format(text=escape(cut(text)))


def bad_place(text: str, example: str) -> str:
    """A step-4 answer that is not a place on its own: details belong in a one-line report."""
    return _(
        "{text} cannot be read as a place alone. Details such as from, in or via go in a "
        "one-line report instead, e.g.\n<code>{example}</code>\n"
        "Or type only the place, e.g. ICN cargo terminal, or Skip; /cancel stops."
    ).format(text=escape(cut(text)), example=escape(example))


def long_place(length: int, limit: int) -> str:
    """A step-4 answer longer than a place is recorded: the officer types a shorter one."""
    return _(
        "A place is at most {limit} characters, and this one has {length}. Type a shorter "
        "one, e.g. ICN cargo terminal, or Skip; /cancel stops."
    ).format(limit=limit, length=f"{length:,}")


def whole_report(text: str) -> str:
    """Step 1 answered with a whole report: offered as one, like a typed report."""
    return _(
        "That reads as a whole report: <code>/seizure {text}</code>\n"
        "Press {button} if that is right, or Cancel. Next time you can send it just like that."
    ).format(text=escape(text), button=_(RECORD))


PRIVATE_BUTTON = N_("Report step by step in private")


def in_a_group(bot_username: str | None, example: str) -> str:
    """/seizure alone in a group: step-by-step entry is in private; one line works here."""
    if bot_username:
        return _(
            "For step-by-step entry, send /seizure to me in a private chat: {link}\n"
            "Or write the whole report here in one line, e.g. {example}"
        ).format(link=f"https://t.me/{escape(bot_username)}", example=escape(example))
    return _(
        "For step-by-step entry, send /seizure to me in a private chat.\n"
        "Or write the whole report here in one line, e.g. {example}"
    ).format(example=escape(example))


def edit_of_recorded_start(number: int) -> str:
    """An edit of the /seizure that began a recorded step-by-step report: it changes nothing."""
    return _(
        "Report #{number} was recorded step by step; editing the /seizure message that began it "
        "changes nothing, and nothing new was recorded. To correct it, take it back with "
        "/void {number} REASON and report again, e.g. /void {number} wrong amount; "
        "/show {number} shows it as recorded."
    ).format(number=number)


EDIT_OF_OPEN_START = N_(
    "Your step-by-step report goes on below: editing the /seizure message that began it "
    "records nothing. Answer its question, or to send the whole report in one line instead, "
    "/cancel first, then e.g. /seizure 2kg meth at ICN."
)
