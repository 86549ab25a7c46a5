"""The real Application against the local Bot API emulation, with a clock the test moves."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import build_application, start_polling, stop_polling
from bot.config import Access, Config, Storage
from bot.context import OcuApplication
from bot.demo import ADMIN, Conversation, set_up_demo
from bot.domain.clock import ManualClock
from bot.limiter import TELEGRAM_PACING, Pacing
from fakegram.server import FakeBotAPI
from storage.database import Database
from storage.migrate import apply_migrations

START = datetime(2026, 11, 20, 0, 30, tzinfo=UTC)  # 09:30 in Seoul, 07:30 in Bangkok
# Telegram's limits and the limiter's pauses with a minute lasting a second: a group still gets
# 20 messages a period and a failed call the same tries, without a test of 60 answers to one
# group waiting two minutes of real time (nor a refused call 7.5 s of backoff); the bot's
# overall 30 messages a second become 1,800 (each test's answers waited 33 ms for each other's
# turn: a third of the end-to-end tests' time).
PACING = TELEGRAM_PACING.scaled(1 / 60)


@dataclass
class Harness:
    """What an end-to-end test holds: the emulated Telegram, the bot, its clock and database."""

    api: FakeBotAPI
    app: OcuApplication
    clock: ManualClock
    talk: Conversation
    db_path: Path

    @property
    def db(self) -> Database:
        """The bot's own open database."""
        return self.app.bot_data.db

    async def rows(self, sql: str, params: tuple[object, ...] = ()) -> list[dict[str, object]]:
        """Committed rows, read through the bot's database."""
        return [dict(r) for r in await self.db.fetchall(sql, params)]


async def start_bot(
    api: FakeBotAPI,
    config: Config,
    clock: ManualClock,
    *,
    with_scheduler: bool = True,
    read_timeout_s: float = 5.0,
    pacing: Pacing = PACING,
) -> OcuApplication:
    """Build and start the real Application, polling the emulation."""
    app = build_application(
        config,
        clock=clock,
        token=api.token,
        base_url=api.base_url,
        base_file_url=api.base_file_url,
        with_scheduler=with_scheduler,
        pacing=pacing,
        read_timeout_s=read_timeout_s,
    )
    # The clock's own retries (bot.delivery: 1 s, doubled each time) follow PACING too
    # (bot.scheduler.Scheduler takes the limiter's clock).
    await start_polling(app)
    return app


async def stop_bot(app: OcuApplication) -> None:
    """Stop polling and shut the Application down (closes the database)."""
    await stop_polling(app)


def make_config(tmp_path: Path, **changes: object) -> Config:
    """A test config: the demo admin, a database in tmp_path."""
    config = Config(
        access=Access(admins=(ADMIN.id,)), storage=Storage(database=tmp_path / "ocu.sqlite3")
    )
    return config.model_copy(update=changes) if changes else config


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    """The local Bot API emulation on 127.0.0.1."""
    async with FakeBotAPI() as emulation:
        yield emulation
    assert emulation.unknown_calls == [], "the bot called a method the emulation does not know"


@asynccontextmanager
async def running_bot(
    api: FakeBotAPI, folder: Path, *, answer_within: float = 15.0, read_timeout_s: float = 5.0
) -> AsyncIterator[Harness]:
    """The bot on a ManualClock at START, its database in `folder`; stopped at the end.

    `answer_within` bounds each wait of the harness's Conversation for the bot's answer;
    `read_timeout_s` is how long the bot waits for the emulation's answer to a call.
    """
    clock = ManualClock(START)
    config = make_config(folder)
    app = await start_bot(api, config, clock, read_timeout_s=read_timeout_s)
    try:
        yield Harness(
            api, app, clock, Conversation(api, timeout=answer_within), config.storage.database
        )
    finally:
        await stop_bot(app)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at the newest schema, made once per test process.

    Migrating a new file takes one synchronous commit per migration (0.1-0.4 s on a shared
    disk); each bot of a test starts from a copy instead, which the bot's own start finds
    already at the newest schema. Tests of migrating itself open files of their own.
    """
    template = tmp_path_factory.mktemp("template") / "ocu.sqlite3"
    apply_migrations(template)
    return template


@pytest.fixture
async def bot(api: FakeBotAPI, tmp_path: Path, migrated_template: Path) -> AsyncIterator[Harness]:
    """The bot running, with no operation yet."""
    shutil.copyfile(migrated_template, make_config(tmp_path).storage.database)
    async with running_bot(api, tmp_path) as harness:
        yield harness


@dataclass(frozen=True)
class Scene:
    """A world saved after set-up: the bot's folder (its database) and the emulation's state."""

    folder: Path
    telegram: bytes


async def _set_up_siren(folder: Path, template: Path) -> bytes:
    async with FakeBotAPI() as api:
        shutil.copyfile(template, make_config(folder).storage.database)
        async with running_bot(api, folder) as harness:
            await set_up_demo(harness.talk, exercise=False)
    # Saved once the bot has stopped and the server has answered its last long poll.
    return api.saved_state()


@pytest.fixture(scope="session")
def siren_scene(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Scene:
    """The demo operation set up through the bot's own commands once per test process.

    Playing the set-up (eleven messages and their answers) took about a second for every test
    that uses SIREN; each test starts its own bot on a copy of what the set-up left instead, as
    the bot restarting after the set-up would find it.
    """
    folder = tmp_path_factory.mktemp("siren")
    return Scene(folder, asyncio.run(_set_up_siren(folder, migrated_template)))


@pytest.fixture
def read_timeout_s() -> float:
    """How long the bot waits for an answer from the emulation: PTB's 5 s.

    A test of an answer that comes after it parametrizes this shorter, with its late answer
    just past it, instead of waiting out 5 s and more of real time.
    """
    return 5.0


@pytest.fixture
async def siren(
    api: FakeBotAPI, tmp_path: Path, siren_scene: Scene, read_timeout_s: float
) -> AsyncIterator[Harness]:
    """The bot with the demo operation SIREN set up through its own commands."""
    shutil.copytree(siren_scene.folder, tmp_path, dirs_exist_ok=True)
    api.load_state(siren_scene.telegram)
    async with running_bot(api, tmp_path, read_timeout_s=read_timeout_s) as harness:
        yield harness
