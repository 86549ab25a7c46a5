"""The command line: run | sandbox | parse | backup | import | export | debrief."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.config import Config

# httpx (under PTB) imports its command-line client whenever rich and click are installed, as
# they are beside the development tools: 4 MB of an idle bot's memory for a program it never
# runs. A module set to None is one Python refuses to import; httpx then goes without it.
if "httpx._main" not in sys.modules:
    sys.modules["httpx._main"] = None  # type: ignore[assignment]


# PTB's webhook server (tornado) comes with the extra ocu-bot[webhooks]; a polling bot goes
# without it, and PTB then imports none (a tenth of the start-up to the first getUpdates, #16).
WEBHOOK_EXTRA = (
    "telegram.mode: webhook mode needs the webhook server, which is not installed here;"
    " pip install 'ocu-bot[webhooks]' (python3 dev.py installs it), or set mode = \"polling\""
)


def webhook_server_installed() -> bool:
    """Whether PTB's webhook server (tornado, python-telegram-bot[webhooks]) can be imported."""
    from importlib.util import find_spec

    return find_spec("tornado") is not None


def load_scheduler_from_its_own_plugins() -> None:
    """Import APScheduler (PTB's JobQueue) with its own triggers, executors and stores only."""
    # Its scheduler class reads every installed package's entry points three times as it is
    # defined (apscheduler.schedulers.base), for plugins this bot never uses: 20-80 ms of the
    # start-up in an environment of 76 packages. Its own plugins are in its own entry points.
    if "apscheduler.schedulers.base" in sys.modules:
        return
    from importlib import import_module, metadata

    try:
        own = metadata.distribution("APScheduler").entry_points
    except metadata.PackageNotFoundError:  # no job-queue extra: PTB goes without it
        return
    every = metadata.entry_points

    def its_own(**params: Any) -> metadata.EntryPoints:
        return own.select(**params)

    metadata.entry_points = its_own  # type: ignore[assignment]
    try:
        base = import_module("apscheduler.schedulers.base")
    finally:
        metadata.entry_points = every
    base.entry_points = every  # type: ignore[attr-defined]  # the name it imported: real again


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="OCU bot")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the bot against Telegram (or a self-hosted Bot API)")
    run.add_argument("--config", type=Path, default=Path("config.toml"))
    sandbox = sub.add_parser("sandbox", help="the offline demo: the real bot, a local Bot API")
    sandbox.add_argument(
        "--data",
        type=Path,
        default=Path("sandbox-data"),
        help="folder for the sandbox database and received files",
    )
    sandbox.add_argument("--fresh", action="store_true", help="start from an empty database")
    parse = sub.add_parser("parse", help="show what /seizure TEXT would record, as JSON")
    parse.add_argument("text", nargs="*")
    parse.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="parse as if this (YYYY-MM-DD) were the operation's local date",
    )
    backup = sub.add_parser("backup", help="a consistent copy of the database, while it runs")
    backup.add_argument("path", type=Path)
    backup.add_argument("--config", type=Path, default=Path("config.toml"))
    debrief = sub.add_parser("debrief", help="the debriefing pack: a PDF and its XLSX annex")
    debrief.add_argument("--operation", required=True, help="the operation's code, e.g. SIREN")
    debrief.add_argument("--out", type=Path, required=True, help="folder for the two files")
    debrief.add_argument("--config", type=Path, default=Path("config.toml"))
    debrief.add_argument("--database", type=Path, default=None, help="instead of the config's")
    importer = sub.add_parser("import", help="import reports from an exported CSV")
    importer.add_argument("rest", nargs=argparse.REMAINDER)
    exporter = sub.add_parser("export", help="write an operation's reports to a CSV or XLSX file")
    exporter.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    # httpx logs every long-poll request at INFO; that drowns what matters.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def _load(path: Path) -> Config:
    from bot.config import load_config

    return load_config(path)


def _run(config: Config) -> int:
    """`run`: serve until interrupted; a token or an address Telegram refuses is one line."""
    from telegram.error import InvalidToken, NetworkError

    from bot.config import ConfigError
    from bot.runner import run

    class _SaidInOneLine(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            failure = record.exc_info[1] if record.exc_info else None
            return not isinstance(failure, (InvalidToken, NetworkError))

    # PTB logs a failed start with its traceback, the token in it; the line below says it all.
    logging.getLogger("telegram.ext").addFilter(_SaidInOneLine())
    try:
        run(config)
    except InvalidToken:
        # PTB's message repeats the token; this one must not.
        raise ConfigError(
            "telegram.token: the Bot API refused the bot token; check OCU_BOT_TOKEN or "
            "[telegram] token"
        ) from None
    except NetworkError as exc:
        raise ConfigError(
            f"telegram.base_url: cannot reach the Bot API at {config.telegram.base_url} ({exc})"
        ) from None
    return 0


def _unwritable_folder(folder: Path) -> str | None:
    """Why the folder cannot be made or written to, or None when it can."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"cannot make the folder {folder} ({exc.strerror or exc})"
    if not os.access(folder, os.W_OK):
        return f"cannot write to the folder {folder}; name another with --data"
    return None


def _backup(database: Path, target: Path) -> int:
    """`backup PATH`: copy the database while the bot may be using it."""
    from storage.backup import BackupFailed, backup_file

    problem = None
    if not database.is_file():
        problem = f"there is no database at {database} to back up"
    elif target.resolve() == database.resolve():
        problem = f"{target} is the database itself; name another file for the copy"
    elif target.is_dir():
        example = target / "ocu-backup.sqlite3"
        problem = f"{target} is a folder; name the backup file, e.g. {example}"
    elif not target.parent.is_dir():
        problem = f"the folder {target.parent} does not exist; make it first"
    if problem is not None:
        print(f"backup error: {problem}", file=sys.stderr)
        return 2

    try:
        asyncio.run(backup_file(database, target))
    except (BackupFailed, OSError) as exc:
        print(f"backup error: cannot write {target} ({exc})", file=sys.stderr)
        return 2
    print(f"backed up {database} to {target}")
    return 0


def _debrief(database: Path, code: str, out: Path) -> int:
    """`debrief --operation CODE --out DIR`: write the pack's PDF and XLSX into DIR."""
    from datetime import UTC, datetime

    from bot.debrief import build_pack
    from storage.database import Database
    from storage.operations import find_operation

    if not database.is_file():
        print(f"debrief error: there is no database at {database}", file=sys.stderr)
        return 2
    problem = _unwritable_folder(out)
    if problem is not None:
        print(f"debrief error: {problem}", file=sys.stderr)
        return 2

    async def build() -> int:
        db = await Database.open(database)
        try:
            op = await find_operation(db, code=code)
            if op is None:
                print(f"debrief error: no operation {code!r} (e.g. --operation SIREN)",
                      file=sys.stderr)  # fmt: skip
                return 2
            pack = await build_pack(db, operation_id=op.id, now=datetime.now(UTC))
        finally:
            await db.close()
        for name, content in ((pack.pdf_name, pack.pdf), (pack.xlsx_name, pack.xlsx)):
            (out / name).write_bytes(content)
            print(out / name)
        return 0

    return asyncio.run(build())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for `python -m bot` and the `ocu-bot` script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # Start-up (#16): the collector's passes over the thousands of objects the imports make
    # find no garbage and took a tenth of the start-up. `run` and `sandbox` collect again once
    # the bot is started (bot.after_start, after gc.freeze); every other command at once.
    gc.disable()
    # pydantic looks for plugins in every installed package's entry points when the config's
    # first model is made (a few hundredths of a second); the bot uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    try:
        return _command(argv)
    finally:
        gc.enable()
        if (tls := sys.modules.get("bot.tls")) is not None:
            tls.settle()  # never end the interpreter under the certificates' thread


def _command(argv: list[str]) -> int:
    if argv[:1] not in (["run"], ["sandbox"]):
        gc.enable()
    if argv[:1] == ["run"]:
        from bot import tls

        # The certificates are read in a thread while the config, PTB and the handlers import.
        tls.load_early()
    if argv[:1] == ["import"]:
        # The importer has options (and a --help) of its own.
        from bot.import_cli import main as import_main

        # Beside the live bot, an import yields the processors to it, as the bot's worker does:
        # descheduled while it held the lock, it kept reports waiting 0.4-1.7 s (bench.stall).
        with contextlib.suppress(OSError):
            os.nice(10)

        return int(import_main(argv[1:], stdout=sys.stdout, stderr=sys.stderr))
    if argv[:1] == ["export"]:
        from bot.export_cli import main as export_main

        return int(export_main(argv[1:], stdout=sys.stdout, stderr=sys.stderr))
    args = _parser().parse_args(argv)
    from bot.config import ConfigError
    from storage.migrate import MigrationError

    try:
        if args.command == "parse":
            from bot.parse_cli import main as parse_main

            try:
                return int(
                    parse_main(args.text, stdin=sys.stdin, stdout=sys.stdout, today=args.today)
                )
            except BrokenPipeError:
                # The reader stopped (`| head`): not an error to report; Python's own recipe.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                return 1
        if args.command == "sandbox":
            from bot.sandbox import run_sandbox

            problem = _unwritable_folder(args.data)
            if problem is not None:
                print(f"sandbox error: {problem}", file=sys.stderr)
                return 2
            _configure_logging("WARNING")
            return asyncio.run(run_sandbox(args.data, fresh=args.fresh))
        if args.command == "debrief" and args.database is not None:
            return _debrief(args.database, args.operation, args.out)
        config = _load(args.config)
        if args.command == "debrief":
            return _debrief(config.storage.database, args.operation, args.out)
        if args.command == "backup":
            return _backup(config.storage.database, args.path)
        if config.telegram.mode == "webhook" and not webhook_server_installed():
            raise ConfigError(f"{args.config}: {WEBHOOK_EXTRA}")
        _configure_logging(config.log_level)
        load_scheduler_from_its_own_plugins()
        return _run(config)
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        return 2
    except MigrationError as exc:
        print(f"database error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
