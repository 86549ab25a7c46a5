"""register(app): every command the bot has, in the order they are tried."""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import OcuApplication
from handlers import (
    aliases,
    asked,
    binding,
    cancelling,
    cases,
    chats,
    debriefing,
    edits,
    guided,
    language,
    listing,
    media,
    members,
    operation_clock,
    operations,
    own_reports,
    reminder_list,
    results,
    seizures,
    stale,
    start,
    unanswered,
    voids,
)

# CommandHandler also answers edited messages by default; an edit is not a new command.
NEW = filters.UpdateType.MESSAGE


def register(app: OcuApplication) -> None:
    """Add every handler; group 0 holds the commands, the first match wins."""
    # Chat migration first: a group's id changes before anything else is said in it.
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, chats.migrated), group=-1)
    # A message posted as a chat (anonymous admin, channel) has no person to act for.
    app.add_handler(
        MessageHandler(
            filters.SenderChat.ALL
            & (filters.UpdateType.MESSAGE | filters.UpdateType.EDITED_MESSAGE),
            chats.on_behalf,
        ),
        group=-1,
    )

    app.add_handler(CommandHandler("start", start.start, filters=NEW))
    app.add_handler(CommandHandler("help", start.help_, filters=NEW))
    app.add_handler(CommandHandler("use", start.use, filters=NEW))
    app.add_handler(CommandHandler("language", language.language, filters=NEW))
    # A press with empty data matches every pattern in PTB (it only tests data it has): before,
    # the /language button's refusal took it. It is an old, unknown button.
    app.add_handler(CallbackQueryHandler(stale.old_button, pattern=_no_data))
    app.add_handler(CallbackQueryHandler(language.pressed, pattern=language.BUTTON_PATTERN))

    app.add_handler(CommandHandler(["seizure", "s"], seizures.seizure, filters=NEW))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.TEXT, edits.edited))
    # An edited caption of a photo or document corrects its report like an edited text.
    app.add_handler(
        MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.CAPTION, edits.edited)
    )
    app.add_handler(CommandHandler("cancel", cancelling.cancel, filters=NEW))
    app.add_handler(
        CallbackQueryHandler(
            guided.pressed,
            pattern=r"^draft:(new|cancel|skip|rec|sub:[0-9]{1,2}|unit:([0-9]{1,2}|kg|g|tablets|l|ml))$",
        )
    )
    app.add_handler(CommandHandler("undo", voids.undo, filters=NEW))
    app.add_handler(CallbackQueryHandler(voids.undo_pressed, pattern=r"^undo:[0-9]{1,18}$"))
    app.add_handler(CallbackQueryHandler(seizures.resend_choice, pattern=r"^resend:(yes|no):\d+$"))
    app.add_handler(CallbackQueryHandler(asked.pressed, pattern=r"^ask:(yes|no):[0-9]{1,18}$"))
    app.add_handler(CommandHandler("void", voids.void, filters=NEW))
    app.add_handler(CommandHandler("restore", voids.restore, filters=NEW))
    app.add_handler(CommandHandler("mine", own_reports.mine, filters=NEW))
    app.add_handler(CommandHandler("nil", own_reports.nil, filters=NEW))
    app.add_handler(CommandHandler("alias", aliases.alias, filters=NEW))
    app.add_handler(CommandHandler("link", cases.link, filters=NEW))
    app.add_handler(CommandHandler("unlink", cases.unlink, filters=NEW))
    app.add_handler(CallbackQueryHandler(cases.pressed, pattern=cases.BUTTON_PATTERN))

    app.add_handler(CommandHandler("summary", results.summary, filters=NEW))
    app.add_handler(CommandHandler("chart", results.chart, filters=NEW))
    app.add_handler(CommandHandler("export", results.export, filters=NEW))
    app.add_handler(CommandHandler("debrief", debriefing.debrief, filters=NEW))
    app.add_handler(CommandHandler("reports", listing.reports, filters=NEW))
    app.add_handler(CommandHandler("show", listing.show, filters=NEW))
    # Every press of a page button comes here, to be read and checked (a forged one too).
    app.add_handler(CallbackQueryHandler(listing.page_pressed, pattern=r"^rp:"))

    app.add_handler(CommandHandler("operation", operations.operation, filters=NEW))
    app.add_handler(CommandHandler("agency", operations.agency, filters=NEW))
    app.add_handler(CommandHandler("bind", binding.bind, filters=NEW))
    app.add_handler(CallbackQueryHandler(binding.pressed, pattern=binding.BUTTON_PATTERN))

    app.add_handler(CommandHandler("phase", operation_clock.phase, filters=NEW))
    app.add_handler(CommandHandler("remind", operation_clock.remind, filters=NEW))
    app.add_handler(CommandHandler("reminders", reminder_list.reminders, filters=NEW))
    app.add_handler(CommandHandler("digest", operation_clock.digest, filters=NEW))

    app.add_handler(CommandHandler("invite", members.invite, filters=NEW))
    app.add_handler(CommandHandler("invites", members.invites, filters=NEW))
    app.add_handler(CommandHandler("members", members.members, filters=NEW))
    app.add_handler(CommandHandler("revoke", members.revoke, filters=NEW))

    # Photos, documents and locations: a report in a caption, or added to a report sent.
    # No command or text filter above takes them (a caption is neither text nor a command).
    app.add_handler(MessageHandler((filters.PHOTO | filters.Document.ALL) & NEW, media.received))
    app.add_handler(MessageHandler(filters.LOCATION & NEW, media.location))

    # Last: a button from an old message, or a command this bot does not have.
    app.add_handler(CallbackQueryHandler(stale.old_button))
    app.add_handler(MessageHandler(filters.COMMAND & NEW, stale.unknown_command))
    # Text no command took: answered in private, and in groups when addressed to the bot.
    # A private chat's text answers the open guided report first, if there is one.
    app.add_handler(
        MessageHandler(
            filters.TEXT & ~filters.COMMAND & NEW & filters.ChatType.PRIVATE, guided.typed
        )
    )
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & NEW, unanswered.plain_text))
    # Anything else in private (a voice note, a sticker), and a report captioned on a video or
    # a voice note anywhere: said what the bot reads, not met with silence.
    app.add_handler(MessageHandler(_OTHER_MEDIA & NEW, unanswered.other_media))
    # After any command in private, a report entered step by step and still open is asked
    # again below its answer: another command must not leave it behind unsaid.
    app.add_handler(
        MessageHandler(filters.COMMAND & NEW & filters.ChatType.PRIVATE, guided.still_waiting),
        group=1,
    )


_READ = filters.TEXT | filters.COMMAND | filters.PHOTO | filters.Document.ALL | filters.LOCATION
_OTHER_MEDIA = (
    ~_READ
    & ~filters.StatusUpdate.ALL
    & (filters.ChatType.PRIVATE | filters.CaptionRegex(r"(?i)^\s*/s(?:eizure)?(?:@\w+)?(?:\s|$)"))
)


def _no_data(data: object) -> bool:
    """Never true of a button's data: PTB passes a press with none to a pattern's handler."""
    return False
