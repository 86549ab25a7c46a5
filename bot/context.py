"""The typed CallbackContext: handlers get the store, the config and the clock with types."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Config
from bot.domain.catalogue import Catalogue
from bot.domain.clock import Clock
from bot.domain.unit import Caller
from bot.limiter import TELEGRAM_PACING, Pacing
from storage.database import Database

if TYPE_CHECKING:
    from bot.scheduler import Scheduler


class BotData:
    """What every handler shares: set up in build_application and post_init."""

    def __init__(self) -> None:
        self._db: Database | None = None
        self.config: Config = Config()
        self.clock: Clock
        self.catalogue: Catalogue
        self.scheduler: Scheduler | None = None
        self.with_scheduler = True  # whether bot.handling makes the clock (tests may not)
        self.pacing: Pacing = TELEGRAM_PACING  # the limiter's clock; the tests' runs shorter
        # set by the first getUpdates (None for a webhook); what start-up left until then
        self.polled: asyncio.Event | None = None
        self.after_start: asyncio.Task[None] | None = None
        # user -> (username, full name, private chat, whether a language of theirs is kept)
        self.known_people: dict[int, tuple[str | None, str, int | None, bool]] = {}
        # user -> the language they read (bot.render.i18n), once looked up
        self.languages: dict[int, str] = {}
        # (user, chat) -> (Database.access_generation when resolved, the caller)
        self.callers: dict[tuple[int, int], tuple[int, Caller]] = {}
        # user -> the step-by-step question already asked again after another command: once
        self.reminded: dict[int, int] = {}
        # (chat, message) -> when a press made it an acknowledgement (handlers.double_tap)
        self.became_ack: dict[tuple[int, int], datetime] = {}

    @property
    def db(self) -> Database:
        """The open database; only between post_init and post_shutdown."""
        if self._db is None:
            raise RuntimeError("the database is not open yet")
        return self._db

    @db.setter
    def db(self, value: Database | None) -> None:
        self._db = value


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """CallbackContext with typed access to the shared data."""

    @property
    def db(self) -> Database:
        """The database."""
        return self.bot_data.db

    @property
    def config(self) -> Config:
        """The checked config."""
        return self.bot_data.config

    @property
    def clock(self) -> Clock:
        """The clock the bot reads."""
        return self.bot_data.clock


OcuApplication = Application[ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]
