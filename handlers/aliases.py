"""/alias: an unknown substance name classified, for past and future reports."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.domain.unit import Caller
from bot.parsing.alias_clash import (
    check_alias_not_description,
    check_alias_not_grammar_word,
    check_alias_not_summary_word,
)
from bot.parsing.args import UsageError, command_text
from bot.parsing.validate import check_alias_unknown, check_alias_words
from bot.render.aliases import render_agency_clash, render_alias
from bot.render.i18n import _
from bot.render.labels import substance_label
from bot.render.replies import usage
from handlers.guard import guarded
from handlers.reply import answer
from storage import seizures as seizure_store
from storage.operations import find_agency


@guarded("alias")
async def alias(update: Update, context: BotContext, caller: Caller) -> None:
    """/alias WORDS CANONICAL: classify an unknown substance name, past and future."""
    message = update.effective_message
    assert message is not None
    words = command_text(message.text or "").rsplit(maxsplit=1)
    catalogue = context.bot_data.catalogue
    # The target may be any name the catalogue knows ('meth'): it counts as that name's substance.
    target = catalogue.lookup(words[1]) if len(words) == 2 else None
    if target is None or target not in catalogue.ids:
        known = ", ".join(sorted(catalogue.ids))
        raise UsageError(
            _("Give the words, then one of the canonical ids ({known}).").format(known=known)
            + f"\n{usage('alias')}"
        )
    words[0] = check_alias_words(words[0], usage("alias"))
    reads_as = catalogue.lookup(words[0])
    check_alias_unknown(words[0], substance_label(reads_as) if reads_as is not None else None)
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
