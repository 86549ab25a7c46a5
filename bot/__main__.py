"""The command line: run | sandbox | parse | backup | import."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from bot.config import Config, ConfigError, load_config


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
    importer = sub.add_parser("import", help="import reports from an exported CSV")
    importer.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    # httpx logs every long-poll request at INFO; that drowns what matters.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def _load(path: Path) -> Config:
    return load_config(path)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for `python -m bot` and the `ocu-bot` script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["import"]:
        # The importer has options (and a --help) of its own.
        from bot.import_cli import main as import_main

        return int(import_main(argv[1:], stdout=sys.stdout, stderr=sys.stderr))
    args = _parser().parse_args(argv)
    try:
        if args.command == "parse":
            from bot.parse_cli import main as parse_main

            return int(parse_main(args.text, stdin=sys.stdin, stdout=sys.stdout, today=args.today))
        if args.command == "sandbox":
            from bot.sandbox import run_sandbox

            _configure_logging("WARNING")
            return asyncio.run(run_sandbox(args.data, fresh=args.fresh))
        config = _load(args.config)
        if args.command == "backup":
            from storage.database import Database

            async def _backup() -> None:
                db = await Database.open(config.storage.database)
                try:
                    await db.backup(args.path)
                finally:
                    await db.close()

            asyncio.run(_backup())
            print(f"backed up {config.storage.database} to {args.path}")
            return 0
        _configure_logging(config.log_level)
        from bot.runner import run

        run(config)
        return 0
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
