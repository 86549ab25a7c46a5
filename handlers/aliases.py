"""/alias: an unknown substance name classified, for past and future reports."""

from __future__ import annotations

from html import escape

from telegram import Update

from bot.context import BotContext
from bot.domain.unit import Caller
from bot.parsing.alias_clash import check_alias_not_grammar_word, check_alias_not_summary_word
from bot.parsing.args import UsageError, command_text
from bot.parsing.validate import check_alias_unknown, check_alias_words
from bot.render.i18n import _, ngettext
from bot.render.replies import usage
from handlers.guard import guarded
from handlers.reply import answer
from storage import seizures as seizure_store


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
    check_alias_unknown(words[0], catalogue.lookup(words[0]))
    check_alias_not_grammar_word(words[0])
    check_alias_not_summary_word(words[0])
    changed = await seizure_store.add_alias(
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
        ngettext(
            '"{words}" now counts as {substance}: {n} past item reclassified, and future '
            "reports follow.",
            '"{words}" now counts as {substance}: {n} past items reclassified, and future '
            "reports follow.",
            changed,
        ).format(words=escape(words[0]), substance=escape(target), n=changed),
        caller,
    )
