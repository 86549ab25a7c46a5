"""/help topics that teach: the seizure grammar, and what substances, transport, detection mean.

The lists come from the catalogue and the vocabulary, so they never drift from what the parser
understands.
"""

from __future__ import annotations

from html import escape

from bot.domain.catalogue import Catalogue
from bot.domain.commands import BY_NAME
from bot.domain.summary import DIMENSION_NAMES
from bot.domain.units import substance_name
from bot.domain.vocabulary import detection_phrases, transport_phrases
from bot.render.fit import fit_message
from bot.render.i18n import _
from bot.render.labels import DETECTION_LABELS, TRANSPORT_LABELS

# One per part of the unit's world; each is a valid report (the tests parse them).
EXAMPLES = (
    ("Airport passenger", "/seizure 2.3kg meth at ICN T1 from TH via passenger in suitcase "
     "lining detected by x-ray"),
    ("Express courier", "/seizure 3 x 500g cocaine at DHL hub Incheon from BR via courier "
     "in speakers detected by profiling ref KCS-2026-114"),
    ("Mail centre", "/seizure 480 yaba + 20g ice at Bangkok mail centre via EMS from Laos "
     "detected by dog #mail"),
    ("Sea container", "/seizure about 120kg cocaine at Busan port from EC via container "
     "concealed in banana boxes detected by intelligence on 2026-11-18"),
    ("Land border", "/seizure 15kg cannabis and 2kg ketamine at Sadao border via truck "
     "from MY detected by random check yesterday"),
)  # fmt: skip
TOPICS = ("seizure", "s", "substances", "transport", "detection", "summary")


def help_topic(name: str, catalogue: Catalogue) -> str | None:
    """/help seizure, substances, transport or detection; None for any other name."""
    topic = name.lstrip("/").lower()
    if topic in ("seizure", "s"):
        return fit_message(seizure_help())
    if topic == "substances":
        return fit_message(substances_help(catalogue))
    if topic == "transport":
        return fit_message(
            _listing("Transport (via … / by …)", TRANSPORT_LABELS, transport_phrases())
        )
    if topic == "detection":
        return fit_message(
            _listing("Detection (detected by …)", DETECTION_LABELS, detection_phrases())
        )
    if topic == "summary":
        return fit_message(summary_help())
    return None


def summary_help() -> str:
    """/summary: its periods, its breakdowns, and what it counts."""
    command = BY_NAME["summary"]
    lines = [
        escape(_("/summary — running totals.")),
        _("Usage: {syntax}").format(syntax=f"<code>{escape(command.syntax)}</code>"),
        _("Example: {example}").format(example=f"<code>{escape(command.example)}</code>"),
        "",
        escape(
            _(
                "Breakdowns: by {names}. A report that does not say its origin, route, "
                "concealment or detection is grouped as not stated."
            ).format(names=DIMENSION_NAMES)
        ),
        escape(
            _(
                "It counts by seizure date (the day it happened, or was reported if not said); "
                "the daily digest lists what was reported since the last digest."
            )
        ),
        escape(
            _(
                "Cases: each report once; reports linked with /link are one case, with the "
                "largest report's amount of each substance."
            )
        ),
    ]
    return "\n".join(lines)


def seizure_help() -> str:
    """Every keyword of a report, with examples from the unit's own world."""
    lines = [
        "/seizure — report a seizure (/s for short).",
        "Usage: <code>/seizure AMOUNT SUBSTANCE [details]</code>",
        f"Example: <code>{escape(BY_NAME['seizure'].example)}</code>",
        "",
        "<b>Items</b>: <code>2kg meth</code>, <code>meth 2kg</code>, <code>300 yaba</code>, "
        "<code>40 tablets ecstasy</code>, <code>1.5 litres GHB</code>. Several items: between "
        "them <code>+</code>, <code>and</code> or <code>, </code> — "
        "<code>2kg meth + 300 yaba, 1kg ketamine</code>.",
        "Packages: <code>3 x 500g heroin</code>. Weight: <code>approx 2kg</code> (or about, ~), "
        "<code>suspected</code> (awaiting the lab), <code>2kg net</code>, "
        "<code>2.3kg gross</code>.",
        "",
        "<b>Details</b> (any order, all optional):",
        "• <code>at PLACE</code> or <code>@PLACE</code> — where: "
        "<code>at ICN cargo terminal</code>",
        "• <code>from X</code> / <code>to Y</code> — origin and destination: "
        "<code>from Thailand to KR</code>",
        "• <code>via MODE</code> or <code>by MODE</code> — transport: <code>via courier</code> "
        "(/help transport)",
        "• <code>in WHAT</code> or <code>concealed in WHAT</code> — concealment: "
        "<code>in speaker</code>",
        "• <code>detected by HOW</code> — <code>detected by sniffer dog</code> (/help detection)",
        "• <code>ref REF</code> or <code>case REF</code> — your case reference",
        "• <code>#tag</code> — tags: <code>#op1 #training</code>",
        "• <code>key=value</code> for location, origin, destination, transport, concealment, "
        "detection, reference, date, note: <code>note=two suspects arrested</code>",
        "• <code>on DATE</code>, <code>yesterday</code> or <code>today</code> — when it happened "
        "(default: now): <code>on 2026-11-20</code>, <code>on 20 Nov</code>",
        "",
        "<b>Examples</b>:",
    ]
    lines += [f"• {escape(kind)}: <code>{escape(text)}</code>" for kind, text in EXAMPLES]
    lines += [
        "",
        "<b>Photos</b>: send a photo, album or document with the report as its caption; add "
        "one later, or a shared location, as a reply to my acknowledgement.",
        "Wrong? Edit your message and the report follows, or /undo. "
        "Substance names: /help substances.",
    ]
    return "\n".join(lines)


def substances_help(catalogue: Catalogue) -> str:
    """Every substance of the catalogue with the names understood for it."""
    lines = ["<b>Substances understood</b> (the names you can type for each):"]
    for substance in catalogue.ids:
        names = ", ".join(escape(a) for a in catalogue.aliases(substance))
        lines.append(f"• <b>{escape(substance_name(substance))}</b>: {names}")
    lines.append(
        "Another name is recorded as you wrote it, unclassified; a coordinator can map it "
        "with /alias."
    )
    return "\n".join(lines)


def _listing(title: str, labels: dict[str, str], phrases: dict[str, tuple[str, ...]]) -> str:
    lines = [f"<b>{escape(title)}</b>: the words understood for each"]
    for value, label in labels.items():
        words = ", ".join(escape(w) for w in phrases.get(value, ()) if w != label)
        lines.append(f"• <b>{escape(label)}</b>: {words or 'anything else, as written'}")
    return "\n".join(lines)
