"""/alias's answer: what the words count as now, and what moved in past reports."""

from __future__ import annotations

from html import escape

from bot.render.i18n import _, ngettext
from bot.render.labels import substance_label


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
