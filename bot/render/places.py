"""/alias place's answers: which words count as which place, the list, and every refusal with
an example that works."""

from __future__ import annotations

from html import escape

from bot.domain.places import PlaceAliasSet, SetPlace
from bot.domain.unit import Operation
from bot.render.clock import local_text
from bot.render.i18n import _, ngettext
from bot.render.report_detail import person


def place_set(words: str, place: str, done: PlaceAliasSet) -> str:
    """The answer to /alias place: what the words count as now, and their past reports."""
    words, place = escape(words), escape(place)
    if done.already:
        return _('"{words}" already counts as {place}; nothing changed.').format(
            words=words, place=place
        )
    text = ngettext(
        '"{words}" now counts as the place {place}: {n} past report moved under {place} in '
        "/summary by location, the debriefing pack and exports, and future reports follow.",
        '"{words}" now counts as the place {place}: {n} past reports moved under {place} in '
        "/summary by location, the debriefing pack and exports, and future reports follow.",
        done.reports,
    ).format(words=words, place=place, n=done.reports)
    if done.previous is not None:
        text += "\n" + _("It counted as {previous} before.").format(previous=escape(done.previous))
    return text


def place_list(operation: Operation, aliases: list[SetPlace]) -> str:
    """/alias place alone: each alias's words, their place, who set it and when."""
    if not aliases:
        return _(
            "{code} has no place aliases. Make several names one place with /alias place "
            "WORDS = PLACE, e.g. /alias place 인천공항 = ICN"
        ).format(code=escape(operation.code))
    lines = [_("Place aliases of {code}:").format(code=escape(operation.code))]
    for alias in aliases:
        lines.append(
            _('• "{words}" → {place} · set by {person}, {when}').format(
                words=escape(alias.words),
                place=escape(alias.place),
                person=person(alias.set_by, alias.set_by_id),
                when=local_text(alias.set_at, operation.tz),
            )
        )
    lines.append(
        _("Remove one with /alias place rm WORDS: its reports count under their own words again.")
    )
    return "\n".join(lines)


def place_removed(words: str, place: str, reports: int) -> str:
    """The answer to /alias place rm."""
    return ngettext(
        '"{words}" no longer counts as {place}: its {n} past report counts under its own words '
        "again, and so will future reports.",
        '"{words}" no longer counts as {place}: its {n} past reports count under their own '
        "words again, and so will future reports.",
        reports,
    ).format(words=escape(words), place=escape(place), n=reports)


def no_such_place_alias(words: str) -> str:
    """/alias place rm with words that are no place alias of the operation."""
    return _(
        '"{words}" is not a place alias here. /alias place lists them, e.g. /alias place rm '
        "인천공항"
    ).format(words=escape(words))


# Refusals: raised as UsageError, escaped there.


def no_equals(typed: str) -> str:
    """/alias place without '=' between the words and the place: the example puts it before
    the last word typed ('김포공항 GMP' → '김포공항 = GMP'), never a place of its own."""
    words, _space, place = typed.rpartition(" ")
    if not words:
        words, place = typed or "인천공항", "ICN"
    return _(
        "Put = between the words and the place they count as, e.g. /alias place {words} = {place}"
    ).format(words=words, place=place)


def several_names(names: list[str], place: str) -> str:
    """Commas before '=': one name per alias, each its own /alias place."""
    return _(
        "One name before =: send one /alias place for each, e.g. /alias place {first} = {place} "
        "and then /alias place {second} = {place}"
    ).format(first=names[0], second=names[1], place=place)


def misspelt_place(rest: str) -> str:
    """'/alias palce 김포 = GMP': a place alias is meant, not a substance's."""
    return _("Did you mean place? e.g. /alias place {rest}").format(rest=rest)


def two_equals(words: str, place: str) -> str:
    """More than one '='."""
    return _(
        "One = only, between the words and the place, e.g. /alias place {words} = {place}"
    ).format(words=words, place=place)


def side_missing(words: str, place: str) -> str:
    """Nothing before or after the '='."""
    if not place:
        return _(
            'Nothing after "=": name the place "{words}" counts as, e.g. /alias place {words} = ICN'
        ).format(words=words)
    return _(
        'Nothing before "=": say which words count as {place}, e.g. /alias place 인천공항 = {place}'
    ).format(place=place)


def not_a_place(side: str) -> str:
    """Words without a letter or digit, or with markup."""
    return _(
        '"{side}" is not a place: a place has a letter or a digit and no < or >, e.g. /alias '
        "place 인천공항 = ICN"
    ).format(side=side)


def too_long(limit: int, length: int) -> str:
    """A side longer than a place."""
    return _(
        "A place is at most {limit} characters (this has {length}), e.g. /alias place 인천공항 = "
        "ICN"
    ).format(limit=limit, length=length)


def same_place(words: str) -> str:
    """The words and the place differ only in case or spacing."""
    return _(
        '"{words}" is that place already: places that differ only in capitals or spaces are '
        "one place. For other words, e.g. /alias place 인천공항 = ICN"
    ).format(words=words)


def is_a_place(words: str, others: list[str], place: str) -> str:
    """The words are the place other words count as."""
    return _(
        '"{words}" is already the place other words count as ({others}), so it cannot count '
        "as another place. To name that place otherwise, point those words there, e.g. /alias "
        "place {first} = {place}"
    ).format(words=words, others=", ".join(f'"{o}"' for o in others), first=others[0], place=place)


def place_is_alias(words: str, place: str, counts_as: str) -> str:
    """The place is itself words that count as another place."""
    return _(
        '"{place}" counts as {counts_as} already: name that place, e.g. /alias place {words} = '
        "{counts_as}"
    ).format(words=words, place=place, counts_as=counts_as)


def which_place() -> str:
    """/alias place rm with no words."""
    return _("Which place alias? /alias place lists them, e.g. /alias place rm 인천공항")
