"""/alias: an unknown substance name classified, for past and future reports; listed; removed."""

from __future__ import annotations

import re

from telegram import Update

from bot.context import BotContext
from bot.domain.catalogue import Catalogue, edit_distance
from bot.domain.unit import Caller
from bot.domain.units import normalise_words
from bot.parsing.alias_clash import (
    check_alias_not_description,
    check_alias_not_grammar_word,
    check_alias_not_summary_word,
)
from bot.parsing.args import UsageError, command_text
from bot.parsing.validate import check_alias_unknown, check_alias_words
from bot.render.aliases import alias_list as render_alias_list
from bot.render.aliases import alias_removed as render_alias_removed
from bot.render.aliases import no_such_alias as render_no_such_alias
from bot.render.aliases import render_agency_clash, render_alias, render_read_as_typo
from bot.render.i18n import _
from bot.render.labels import nearest_substance, substance_label, substance_named
from bot.render.places import misspelt_place
from bot.render.replies import usage
from handlers.guard import guarded
from handlers.places import place_alias
from handlers.reply import answer
from storage import aliases as alias_store
from storage import seizures as seizure_store
from storage.operations import find_agency

REMOVE = ("rm", "remove", "delete")  # as /phase rm and /remind rm
# Between the words and the substance: '/alias 흰색 가루 = cocaine', 'zombie dust -> cathinones';
# '=' with a space on one side at least: 'agency=TCD' is a word (refused as /summary's).
_ARROW = re.compile(r"\s*(?:=>|->|→)\s*|\s+=\s*|\s*=\s+")
_TARGET = re.compile(r"=>|->|→|=")
_FEW = ("methamphetamine", "cocaine", "heroin", "cannabis", "ketamine", "synthetic_cathinones")


@guarded("alias")
async def alias(update: Update, context: BotContext, caller: Caller) -> None:
    """/alias [list] | /alias WORDS CANONICAL | /alias rm WORDS."""
    message = update.effective_message
    assert message is not None
    text = command_text(message.text or "")
    first, *rest = text.split(maxsplit=1) or [""]
    if first.lower() == "place":  # '/alias place 인천공항 = ICN': one place, one name
        await place_alias(update, context, caller, rest[0] if rest else "")
        return
    if rest and edit_distance(first.lower(), "place") == 1 and _TARGET.search(rest[0]):
        # '/alias palce 김포 = GMP' was read as the substance words "palce 김포"; a substance
        # after the '=' ('/alias peace pill = mdma') is one still.
        target = _TARGET.split(rest[0])[-1].strip()
        catalogue = context.bot_data.catalogue
        if catalogue.lookup(target) is None and substance_named(target, catalogue.ids) is None:
            raise UsageError(misspelt_place(rest[0]))
    # '/alias 흰색 가루 = cocaine': '=', '->' or '→' between the words and the substance says
    # nothing more (before: the '=' was taken into the alias's words).
    typed = _arrowed(text)
    if [word.lower() for word in typed] in ([], ["list"]):
        listed = await alias_store.listed_aliases(context.db, operation_id=caller.operation.id)
        await answer(update, render_alias_list(caller.operation, listed), caller, long=True)
        return
    if typed[0].lower() in REMOVE:
        await _remove(update, context, caller, " ".join(typed[1:]))
        return
    catalogue = context.bot_data.catalogue
    words, target = _target(typed, catalogue)
    words[0] = check_alias_words(words[0], usage("alias"))
    if words[0].split()[0].lower() in ("list", *REMOVE):
        # '/alias list meth' made an alias 'list' that /alias list then never showed alone.
        raise UsageError(
            _(
                "'{word}' is a word of /alias itself (/alias list, /alias rm WORDS), so it "
                "cannot begin an alias; choose other words, e.g. /alias zombie dust "
                "synthetic_cathinones"
            ).format(word=words[0].split()[0])
        )
    reads_as = catalogue.lookup(words[0])
    check_alias_unknown(words[0], substance_label(reads_as) if reads_as is not None else None)
    near = catalogue.near(words[0])
    if near is not None:  # a report reads it as that substance before any alias is looked at
        raise UsageError(render_read_as_typo(words[0], substance_label(near.substance)))
    check_alias_not_grammar_word(words[0])
    check_alias_not_description(words[0])
    check_alias_not_summary_word(words[0])
    if await find_agency(context.db, operation_id=caller.operation.id, code=words[0]):
        raise UsageError(render_agency_clash(words[0]))
    done = await seizure_store.add_alias(
        context.db,
        operation_id=caller.operation.id,
        words=words[0],
        substance=target,
        actor_id=caller.user_id,
        now=context.clock.now(),
        update_id=update.update_id,
    )
    await answer(
        update,
        render_alias(
            words[0], target, done.classified, done.moved, done.previous, already=done.already
        ),
        caller,
    )


def _arrowed(text: str) -> list[str]:
    """The words typed, without the one '=' (or arrow) between the words and the substance.
    A second one ('/alias a = b = meth' stored 'a b =') is refused with the usage line, and
    none after it ('/alias zombie dust =') asks for the substance, keeping every word."""
    arrows = _ARROW.findall(text)
    if len(arrows) > 1 or text.strip() in {"=", "=>", "->", "→"}:
        raise UsageError(usage("alias"))
    if arrows:
        words, after = (part.strip() for part in _ARROW.split(text, maxsplit=1))
        if words and not after:
            raise UsageError(
                _(
                    'Nothing after "=": name the substance "{words}" counts as, e.g. /alias '
                    "{words} methamphetamine"
                ).format(words=words)
            )
    return _ARROW.sub(" ", text, count=1).split()


def _target(typed: list[str], catalogue: Catalogue) -> tuple[list[str], str]:
    """The words and the substance they are to count as: the last word or words, as any name
    the catalogue knows ('meth'), an id, or the substance's name as the bot shows it
    ('synthetic cathinones', in any language); the fewest that name one."""
    for cut in range(len(typed) - 1, 0, -1):
        named = " ".join(typed[cut:])
        target = catalogue.lookup(named)
        if target not in catalogue.ids:
            target = substance_named(named, catalogue.ids)
        if target is not None:
            return [" ".join(typed[:cut]), target], target
    if len(typed) < 2:
        raise UsageError(usage("alias"))
    # Not known: say which words were not a substance, with the nearest one ('synthetic
    # cathinone') or else the last word, and a few that are, rather than the whole usage.
    cut, near = nearest_substance(typed, catalogue.ids)
    shown = ", ".join(substance_label(key) for key in _FEW if key in catalogue.ids)
    raise UsageError(
        _(
            '"{word}" is not a substance the bot knows: end with one, e.g. /alias {words} '
            "{example} (others: {others})"
        ).format(
            word=" ".join(typed[cut:]),
            words=" ".join(typed[:cut]),
            example=near or "methamphetamine",
            others=shown,
        )
    )


async def _remove(update: Update, context: BotContext, caller: Caller, words: str) -> None:
    """/alias rm WORDS: the words read again as without the alias, in past reports too."""
    if not words:
        raise UsageError(_("Which alias? /alias lists them, e.g. /alias rm zombie dust"))
    key = normalise_words(words)
    # What a report reads the words as without the alias: unclassified, unless the substance
    # list has learnt them since the alias was set.
    reads_as = context.bot_data.catalogue.lookup(key)
    removed = await alias_store.remove_alias(
        context.db,
        operation_id=caller.operation.id,
        words=key,
        reads_as=reads_as,
        actor_id=caller.user_id,
        now=context.clock.now(),
        update_id=update.update_id,
    )
    if removed is None:
        await answer(update, render_no_such_alias(key), caller)
        return
    await answer(
        update, render_alias_removed(key, removed.substance, removed.items, reads_as), caller
    )
