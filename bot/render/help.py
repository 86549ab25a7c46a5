"""/help topics that teach: the seizure grammar, and what substances, transport, detection mean.

The lists come from the catalogue and the vocabulary, so they never drift from what the parser
understands.
"""

from __future__ import annotations

from html import escape

from bot.domain.catalogue import Catalogue
from bot.domain.commands import BY_NAME
from bot.domain.summary import Dimension
from bot.domain.unit import Role
from bot.domain.vocabulary import detection_phrases, transport_phrases
from bot.render.fit import fit_message
from bot.render.i18n import DEFAULT_LOCALE, N_, _, current_locale, either
from bot.render.labels import DETECTION_LABELS, TRANSPORT_LABELS, substance_label
from bot.render.replies import EXERCISE_LABEL, WORKSHOP_POINTER
from bot.render.summary_names import periods_help

# One per part of the unit's world; each is a valid report (the tests parse them).
EXAMPLES = (
    (N_("Airport passenger"), "/seizure 2.3kg meth at ICN T1 from TH via passenger in suitcase "
     "lining detected by x-ray"),
    (N_("Express courier"), "/seizure 3 x 500g cocaine at DHL hub Incheon from BR via courier "
     "in speakers detected by profiling ref KCS-2026-114"),
    (N_("Mail centre"), "/seizure 480 yaba + 20g ice at Bangkok mail centre via EMS from Laos "
     "detected by dog #mail"),
    (N_("Sea container"), "/seizure about 120kg cocaine at Busan port from EC via container "
     "concealed in banana boxes detected by intelligence on 2026-11-18"),
    (N_("Land border"), "/seizure 15kg cannabis and 2kg ketamine at Sadao border via truck "
     "from MY detected by random check yesterday"),
)  # fmt: skip
TOPICS = ("seizure", "s", "substances", "transport", "detection", "summary")
# What a trainer types looking for a training mode: commands, and /help topics in en, ko, th.
TRAINING_COMMANDS = ("training", "workshop", "exercise", "drill")
TRAINING_TOPICS = (*TRAINING_COMMANDS, "훈련", "연습", "교육", "워크숍", "모의훈련", "การฝึก",
                   "ฝึกซ้อม", "ฝึกอบรม", "อบรม", "การฝึกซ้อม", "ซ้อม")  # fmt: skip
# Its title in the reader's words, as every example's free words are.
EXERCISE_TITLE = N_("Workshop drill")


def exercise_example() -> str:
    """An exercise operation created, as the admin would type it."""
    return f'/operation new DRILL "{_(EXERCISE_TITLE)}" Asia/Seoul exercise'


def help_topic(name: str, catalogue: Catalogue, role: Role | None = None) -> str | None:
    """/help seizure, substances, transport or detection; None for any other name."""
    topic = name.lstrip("/").lower()
    if topic in ("seizure", "s"):
        return fit_message(seizure_help())
    if topic in TRAINING_TOPICS:
        return fit_message(training_help())
    if topic == "substances":
        return fit_message(substances_help(catalogue))
    if topic == "transport":
        return fit_message(
            _listing(_("Transport (via … / by …)"), TRANSPORT_LABELS, transport_phrases())
        )
    if topic == "detection":
        return fit_message(
            _listing(_("Detection (detected by …)"), DETECTION_LABELS, detection_phrases())
        )
    if topic == "summary":
        if not BY_NAME["summary"].offered(role, "private") and not BY_NAME["summary"].offered(
            role, "group"
        ):
            return None  # answered as any command the person may not use
        return fit_message(summary_help(linker=BY_NAME["link"].offered(role, "private")))
    return None


def more_on(name: str, role: Role | None) -> str:
    """What /help COMMAND says beyond its usage line, for a command the person may use."""
    command = BY_NAME.get(name.lstrip("/").lower())
    if command is None or not any(command.offered(role, p) for p in ("private", "group")):
        return ""
    if command.name == "alias":
        return "\n" + _(
            "Places: <code>/alias place 인천공항 = ICN</code> counts the words before = as the "
            "place after it, in past reports too. One name before = each time: for several "
            "names, send one /alias place for each."
        )
    if command.name == "invite":
        return "\n" + _(WORKSHOP_POINTER)
    return ""


def training_help() -> str:
    """/help training (or workshop, exercise, 훈련, การฝึก): a workshop is an exercise operation."""
    lines = [
        _("<b>Training and workshops</b>: there is no training mode; an exercise is an "
          "operation of its own."),
        _("An admin creates one with <code>{syntax}</code>, e.g. <code>{example}</code>.").format(
            syntax=escape('/operation new CODE "Title" TZ exercise'),
            example=escape(exercise_example()),
        ),
        _("Its every message is labelled {label}, and its reports are never counted with a "
          "live operation's.").format(label=_(EXERCISE_LABEL)),
        _("Then as for a live one: /agency add, /invite officer AGENCY PEOPLE HOURSh (one link "
          "for the whole room), and /bind CODE in the workshop's group. Someone in both "
          "operations chooses one in private with /use CODE."),
    ]  # fmt: skip
    return "\n".join(lines)


def training_meant(typed: str) -> str:
    """/training, /workshop, /exercise: not a command; an exercise operation is meant."""
    return _(
        "There is no command /{command}. Did you mean an exercise operation, "
        "<code>{example}</code>? /help training shows how to set one up."
    ).format(command=escape(typed), example=escape(exercise_example()))


def summary_help(*, linker: bool = True) -> str:
    """/summary: its periods, its breakdowns, and what it counts (/link only to who may link)."""
    command = BY_NAME["summary"]
    lines = [
        escape(_("/summary — running totals.")),
        _("Usage: {syntax}").format(syntax=f"<code>{escape(_(command.syntax))}</code>"),
        _("Example: {example}").format(example=f"<code>{escape(command.example)}</code>"),
        "",
        escape(periods_help("summary")),
        escape(
            _(
                "Breakdowns: by {names}. A report that does not say its origin, route, "
                "concealment or detection is grouped as not stated."
            ).format(names=either([d.value for d in Dimension]))
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
            if linker
            else _(
                "Cases: each report once; reports a coordinator made one case count once, with "
                "the largest report's amount of each substance."
            )
        ),
    ]
    return "\n".join(lines)


def _keywords_in_english() -> list[str]:
    # In Korean and Thai help: the keywords stay English, the rest may be in the reader's
    # language. The translation carries its own example in that language (it must parse).
    if current_locale() == DEFAULT_LOCALE:
        return []
    return [
        _(
            "The detail keywords (<code>at from to via in detected by on ref</code>) are "
            "written as shown, in English; names, places, units and numbers may be in your "
            "language: "
            "<code>/seizure meth 1.2kg at Incheon airport from Thailand on 28 Nov</code>"
        )
    ]


def seizure_help() -> str:
    """Every keyword of a report, with examples from the unit's own world."""
    lines = [
        _("/seizure — report a seizure (/s for short)."),
        _("Usage: <code>/seizure AMOUNT SUBSTANCE [details]</code>"),
        _("Example: <code>{example}</code>").format(example=escape(BY_NAME["seizure"].example)),
        "",
        _(
            "<b>Items</b>: <code>2kg meth</code>, <code>meth 2kg</code>, <code>300 yaba</code>, "
            "<code>40 tablets ecstasy</code>, <code>1.5 litres GHB</code>. Several items: between "
            "them <code>+</code>, <code>and</code> or <code>, </code> — "
            "<code>2kg meth + 300 yaba, 1kg ketamine</code>."
        ),
        _(
            "Packages: <code>3 x 500g heroin</code>. Weight: <code>approx 2kg</code> "
            "(or <code>about</code>, <code>~</code>), <code>suspected</code> (awaiting the lab), "
            "<code>2kg net</code>, <code>2.3kg gross</code>."
        ),
        "",
        _("<b>Details</b> (any order, all optional):"),
        _(
            "• <code>at PLACE</code> or <code>@PLACE</code> — where: "
            "<code>at ICN cargo terminal</code>"
        ),
        _(
            "• <code>from X</code> / <code>to Y</code> — origin and destination: "
            "<code>from Thailand to KR</code>"
        ),
        _(
            "• <code>via MODE</code> or <code>by MODE</code> — transport: <code>via courier</code> "
            "(/help transport)"
        ),
        _(
            "• <code>in WHAT</code> or <code>concealed in WHAT</code> — concealment: "
            "<code>in speaker</code>"
        ),
        _(
            "• <code>detected by HOW</code> — <code>detected by sniffer dog</code> "
            "(/help detection)"
        ),
        _("• <code>ref REF</code> or <code>case REF</code> — your case reference"),
        _("• <code>#tag</code> — tags: <code>#op1 #training</code>"),
        _(
            "• <code>key=value</code> for <code>location</code>, <code>origin</code>, "
            "<code>destination</code>, <code>transport</code>, <code>concealment</code>, "
            "<code>detection</code>, <code>reference</code>, <code>date</code>, <code>note</code>: "
            "<code>note=two suspects arrested</code>"
        ),
        _(
            "• <code>on DATE</code>, <code>today</code>, <code>yesterday</code> or "
            "<code>day before yesterday</code> — when it happened (default: now): "
            "<code>on 2026-11-20</code>, <code>on 20 Nov</code>"
        ),
        *_keywords_in_english(),
        "",
        _("<b>Examples</b>:"),
    ]
    lines += [f"• {escape(_(kind))}: <code>{escape(text)}</code>" for kind, text in EXAMPLES]
    lines += [
        "",
        _(
            "<b>Photos</b>: send a photo, album or document with the report as its caption; "
            "add one later, or a shared location, as a reply to my acknowledgement."
        ),
        _(
            "Wrong? Edit your message and the report follows, or /undo. "
            "Substance names: /help substances."
        ),
    ]
    return "\n".join(lines)


def substances_help(catalogue: Catalogue) -> str:
    """Every substance of the catalogue with the names understood for it."""
    lines = [_("<b>Substances understood</b> (the names you can type for each):")]
    for substance in catalogue.ids:
        names = ", ".join(escape(a) for a in catalogue.aliases(substance))
        # The names are what officers type, so they read as typed text in every language.
        lines.append(f"• <b>{escape(substance_label(substance))}</b>: <code>{names}</code>")
    lines.append(
        _(
            "Another name is recorded as you wrote it, unclassified; a coordinator can map it "
            "with /alias."
        )
    )
    return "\n".join(lines)


def _listing(title: str, labels: dict[str, str], phrases: dict[str, tuple[str, ...]]) -> str:
    lines = [_("<b>{title}</b>: the words understood for each").format(title=escape(title))]
    for value, label in labels.items():
        words = ", ".join(escape(w) for w in phrases.get(value, ()) if w != label)
        shown = f"<code>{words}</code>" if words else _("anything else, as written")
        lines.append(f"• <b>{escape(_(label))}</b>: {shown}")
    return "\n".join(lines)
