"""What /link, /unlink and a suggested link say: each agency's part of a case shown."""

from __future__ import annotations

from html import escape

from bot.domain.cases import CaseMember, CaseView, LinkRefusal, LinkRefused, Suggestion
from bot.render.amounts import split_amount, written
from bot.render.i18n import N_, _, ngettext
from bot.render.labels import substance_label


def _amounts(member: CaseMember) -> str:
    parts = []
    for item in member.items:
        amount = written(*split_amount(item.amount, item.unit, item.form))
        parts.append(f"{amount} {substance_label(item.substance_key)}")
    return ", ".join(parts) or _("no amount")


def member_line(member: CaseMember) -> str:
    """'• #41 KCS: 2 kg methamphetamine'."""
    return escape(
        _("• #{number} {agency}: {amounts}").format(
            number=member.number,
            agency=member.agency_code or _("no agency"),
            amounts=_amounts(member),
        )
    )


def _numbers(view: CaseView) -> str:
    return ", ".join(f"#{m.number}" for m in view.members)


def linked(view: CaseView) -> str:
    """The answer to /link: the case's reports, each agency's part."""
    lines = [
        escape(
            _(
                "Reports {numbers} are one case: counted once in every total, at the largest "
                "report's amount of each substance. Each agency's part:"
            ).format(numbers=_numbers(view))
        ),
        *(member_line(m) for m in view.members),
        escape(_("Undo with /unlink {number}").format(number=view.members[-1].number)),
    ]
    return "\n".join(lines)


def unlinked(view: CaseView) -> str:
    """The answer to /unlink."""
    return escape(
        ngettext(
            "Report {numbers} counts as a case of its own again.",
            "Reports {numbers} count as cases of their own again.",
            len(view.members),
        ).format(numbers=_numbers(view))
    )


def refusal(refused: LinkRefused, command: str) -> str:
    """Why /link or /unlink did nothing, with a corrected example."""
    n = refused.number
    if refused.reason is LinkRefusal.NOT_FOUND:
        text = _("There is no report #{number} in this operation. Example: {example}")
        example = "/link 41 42" if command == "link" else "/unlink 42"
    elif refused.reason is LinkRefusal.SAME:
        text = _("Give two different reports, e.g. {example}")
        example = f"/link {n} {n + 1}"
    elif refused.reason is LinkRefusal.VOIDED:
        text = _("Report #{number} is voided and counts nowhere; /restore it before linking it.")
        example = ""
    else:
        text = _("Report #{number} is not linked to another report. /link 41 42 links two.")
        example = ""
    return escape(text.format(number=n, example=example))


def suggestion(found: Suggestion) -> str:
    """The bot's question: are these two reports one case?"""
    return "\n".join(
        [
            escape(
                _(
                    "Reports #{first} and #{second} look like one case: two agencies, the same "
                    "substance and route, within a few days, amounts within 10 %. A coordinator "
                    "decides; nothing is linked until then."
                ).format(first=found.first.number, second=found.second.number)
            ),
            member_line(found.first),
            member_line(found.second),
        ]
    )


def decided(found: Suggestion) -> str:
    """The suggestion once decided (the buttons go)."""
    if found.status == "linked":
        outcome = _("Linked: counted once in every total. Undo with /unlink {number}").format(
            number=found.second.number
        )
    else:
        outcome = _("Not the same case: both count separately.")
    return suggestion(found) + "\n" + escape(outcome)


def already_decided(found: Suggestion) -> str:
    """A press on a button of a suggestion decided before."""
    if found.status == "linked":
        return _("Already decided: reports #{first} and #{second} were linked.").format(
            first=found.first.number, second=found.second.number
        )
    return _("Already decided: reports #{first} and #{second} are not the same case.").format(
        first=found.first.number, second=found.second.number
    )


LINK_BUTTON = N_("Link")
NOT_SAME_BUTTON = N_("Not the same")
