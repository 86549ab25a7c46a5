"""/alias's answers: what the words count as now and what moved in past reports; the list."""

from __future__ import annotations

from html import escape

from bot.domain.listing import SetAlias
from bot.domain.unit import Operation
from bot.render.clock import local_text
from bot.render.i18n import _, ngettext
from bot.render.labels import substance_label
from bot.render.report_detail import person


def render_alias(
    words: str,
    substance: str,
    classified: int,
    moved: int,
    previous: str | None,
    *,
    already: bool = False,
) -> str:
    """The answer to /alias, saying how many past items moved from which substance."""
    # Named as every other answer names them (헤로인, not the id heroin).
    words, name = escape(words), escape(substance_label(substance))
    if already and not classified:
        # Repeating an /alias changes nothing: "0 past items reclassified" read as a failure.
        return _('"{words}" already counts as {substance}; nothing changed.').format(
            words=words, substance=name
        )
    if previous is None:
        return ngettext(
            '"{words}" now counts as {substance}: {n} past item reclassified, and future '
            "reports follow.",
            '"{words}" now counts as {substance}: {n} past items reclassified, and future '
            "reports follow.",
            classified,
        ).format(words=words, substance=name, n=classified)
    text = ngettext(
        '"{words}" now counts as {substance} instead of {previous}: {n} past item moved from '
        "{previous} to {substance}, and future reports follow.",
        '"{words}" now counts as {substance} instead of {previous}: {n} past items moved from '
        "{previous} to {substance}, and future reports follow.",
        moved,
    ).format(words=words, substance=name, previous=escape(substance_label(previous)), n=moved)
    if classified:
        text += "\n" + ngettext(
            "{n} unclassified past item is counted as {substance} too.",
            "{n} unclassified past items are counted as {substance} too.",
            classified,
        ).format(n=classified, substance=name)
    return text


def render_agency_clash(words: str) -> str:
    """Why /alias refuses an agency's code: reports read it as the agency."""
    return _(
        "'{words}' is the code of an agency of this operation, and reports name agencies by "
        "their code; choose other words, e.g. /alias zombie dust synthetic_cathinones"
    ).format(words=escape(words))


def render_read_as_typo(words: str, substance: str) -> str:
    """Why /alias refuses a near-miss of a catalogued name: reports already read it so."""
    return _(
        "'{words}' is already read as {substance}: the bot takes it for a misspelling, before "
        "any alias, so an alias would never be read. If it means {substance}, nothing is "
        "needed; for a name the bot does not know, e.g. /alias zombie dust synthetic_cathinones"
    ).format(words=words, substance=substance)  # raised as a UsageError, escaped there


def alias_list(operation: Operation, aliases: list[SetAlias]) -> str:
    """/alias alone: each alias's words, what they count as, who set it and when."""
    if not aliases:
        return _(
            "{code} has no aliases. Map an unclassified name with /alias WORDS CANONICAL, "
            "e.g. /alias zombie dust synthetic_cathinones"
        ).format(code=escape(operation.code))
    lines = [_("Aliases of {code}:").format(code=escape(operation.code))]
    for alias in aliases:
        lines.append(
            _('• "{words}" → {substance} · set by {person}, {when}').format(
                words=escape(alias.words),
                substance=escape(substance_label(alias.substance)),
                person=person(alias.set_by, alias.set_by_id),
                when=local_text(alias.set_at, operation.tz),
            )
        )
    lines.append(
        _(
            "Remove one with /alias rm WORDS: the past items it classified go back to "
            "unclassified, under their words."
        )
    )
    return "\n".join(lines)


def alias_removed(words: str, substance: str, items: int, reads_as: str | None) -> str:
    """The answer to /alias rm: what the words count as now, and what became of past items."""
    words, name = escape(words), escape(substance_label(substance))
    if reads_as is not None:  # the substance list has learnt the words since
        return ngettext(
            '"{words}" is no longer an alias of {substance}. The substance list reads it as '
            "{reads_as}: {n} past item counts as {reads_as}, and so will future reports.",
            '"{words}" is no longer an alias of {substance}. The substance list reads it as '
            "{reads_as}: {n} past items count as {reads_as}, and so will future reports.",
            items,
        ).format(words=words, substance=name, reads_as=escape(substance_label(reads_as)), n=items)
    return ngettext(
        '"{words}" no longer counts as {substance}. {n} past item it had classified is '
        'unclassified again, as "{words}", and future reports leave it unclassified. To count '
        "it as another substance instead: /alias {words} CANONICAL",
        '"{words}" no longer counts as {substance}. {n} past items it had classified are '
        'unclassified again, as "{words}", and future reports leave it unclassified. To count '
        "them as another substance instead: /alias {words} CANONICAL",
        items,
    ).format(words=words, substance=name, n=items)


def no_such_alias(words: str) -> str:
    """/alias rm with words that are no alias of the operation."""
    return _(
        '"{words}" is not an alias here. /alias lists them, e.g. /alias rm zombie dust'
    ).format(words=escape(words))
