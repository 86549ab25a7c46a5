"""What /undo says when it voids nothing: the latest report voided already, a message that
recorded nothing (unread, or held by a question), a report still open step by step."""

from __future__ import annotations

from bot.domain.stored import StoredSeizure
from bot.render.i18n import _, ngettext
from bot.render.seizure import item_line


def already_undone(seizure: StoredSeizure, counting: StoredSeizure | None) -> str:
    """/undo when the latest report is voided already: nothing older is touched.

    The example names the officer's own latest report that still counts (never the number
    before theirs, which may be another officer's), or /mine when none of theirs counts.
    """
    if counting is None:
        return _(
            "Your latest report, #{number}, is already voided; /undo voids nothing else, and "
            "none of your other reports counts now (/mine lists them)."
        ).format(number=seizure.number)
    return _(
        "Your latest report, #{number}, is already voided; /undo voids nothing else. "
        "To void an older report, give its number and a reason, e.g. /void {older} entered twice"
    ).format(number=seizure.number, older=counting.number)


def nothing_recorded(seizure: StoredSeizure) -> str:
    """/undo right after a report the bot could not read: that line, not the one before."""
    return _(
        "Nothing was recorded from your last report (I could not read it), so /undo voids "
        "nothing. Your latest recorded report is #{number}: {items}. To void that one, press "
        "Undo under its acknowledgement, or give its number and a reason, e.g. "
        "/void {number} entered twice"
    ).format(number=seizure.number, items="; ".join(item_line(i) for i in seizure.items))


def nothing_recorded_asked(seizure: StoredSeizure | None, taken_back: int) -> str:
    """/undo right after a report held by a question: that message, not the report before it;
    the questions it took back (their messages say so each) counted in one sentence."""
    said = (
        ngettext(
            "Nothing was recorded: /undo took back my question above (as /cancel does) and "
            "voids nothing else.",
            "Nothing was recorded: /undo took back my {n} questions above (as /cancel does) "
            "and voids nothing else.",
            taken_back,
        ).format(n=taken_back)
        if taken_back
        else _(
            "Nothing was recorded from your last message (I asked you about it first), so "
            "/undo voids nothing."
        )
    )
    if seizure is None:
        return said
    return (
        said
        + " "
        + _(
            "Your latest recorded report is #{number}: {items}. To void that one, press Undo "
            "under its acknowledgement, or give its number and a reason, e.g. "
            "/void {number} entered twice"
        ).format(number=seizure.number, items="; ".join(item_line(i) for i in seizure.items))
    )


def draft_open() -> str:
    """/undo while a report is entered step by step: nothing of it is recorded yet."""
    return _(
        "Your report in progress (step by step) is not recorded yet, so /undo voids nothing. "
        "To drop it, send /cancel; to finish it, answer the question above."
    )


def with_argument(latest: int | None, asked: int | None, whose: str, state: str = "") -> str:
    """/undo with something after it: it takes no number, so nothing was voided.

    `latest` is the person's latest report; `asked` the number they gave (None for words);
    `whose` says of report `asked`: "latest", "own", "any" (a coordinator may void it),
    "other" (another's, theirs to ask a coordinator about) or "none" (no such report);
    `state`, of that report: "voided", "expired" (the latest's undo is spent) or "".
    """
    if latest is None:
        head = _("/undo takes back your latest report, and you have none; it takes no number.")
    else:
        head = _("/undo takes back your latest report (#{latest}); it takes no number.").format(
            latest=latest
        )
    n = latest if asked is None or whose == "latest" else asked
    if state == "voided" and whose == "latest":
        tail = _("Report #{n} is already voided.").format(n=n)
    elif state == "voided":
        tail = _(
            "Report #{n} is already voided; a coordinator can restore it (/restore {n} REASON)."
        ).format(n=n)
    elif state == "expired":
        tail = _("Its undo has expired: to void it, give a reason: /void {n} REASON").format(n=n)
    elif asked is None or whose == "latest":
        tail = _("To take it back, send /undo alone.") if latest is not None else ""
    elif whose == "own":
        tail = _("To void your report #{n}, give a reason: /void {n} REASON").format(n=asked)
    elif whose == "any":
        tail = _("To void #{n}, give a reason: /void {n} REASON").format(n=asked)
    elif whose == "other":
        tail = _(
            "Report #{n} is not yours: to have it voided, ask a coordinator (/void {n} REASON)."
        ).format(n=asked)
    else:
        tail = _("There is no report #{n}.").format(n=asked)
    return f"{head} {tail}".strip()


def coordinators_undo(text: str | None) -> str:
    """A coordinator's /undo [N]: /undo is an officer's own; a coordinator voids with /void."""
    words = (text or "").split()[1:2]
    number = words[0].lstrip("#") if words and words[0].lstrip("#").isascii() else ""
    if not number.isdecimal():
        number = "1"
    return _(
        "/undo takes back an officer's own report. A coordinator voids a report with its "
        "number and a reason, e.g. /void {number} entered twice"
    ).format(number=number)
