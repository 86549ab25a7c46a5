"""`python -m bot ...` refuses what it cannot use with one line naming it, exit 2, no traceback.

Most cases run the command line's main() in this process (its message and exit status are what
they check; a fresh interpreter for each cost about half a second of processor time); the ones
that need another user, a real pipe or a real start, and one of each command, run it as
`python -m bot` in a subprocess. The configs point the Bot API at a closed local port: nothing
here may reach Telegram, even if a check were missing.
"""

from __future__ import annotations

import asyncio
import io
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from bot.__main__ import WEBHOOK_EXTRA
from bot.__main__ import main as bot_main
from fakegram.server import FakeBotAPI
from storage.migrate import apply_migrations, shipped_migrations

ROOT = Path(__file__).resolve().parents[2]
OFFLINE = '[telegram]\nbase_url = "http://127.0.0.1:9/bot"\n'
NOBODY = 65534


def _process(*args: str, user: int | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` in a subprocess: what it printed and its exit status."""
    env = {**os.environ, "OCU_BOT_TOKEN": "1:test"}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=60, env=env, user=user,
    )  # fmt: skip


def _bot(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` as its main() in this process: what it printed and its exit status."""
    out, err = io.StringIO(), io.StringIO()
    # `import` lowers its own priority: that may not outlast the call in a test process.
    with (
        mock.patch.dict(os.environ, {"OCU_BOT_TOKEN": "1:test"}),
        mock.patch("os.nice"),
        redirect_stdout(out),
        redirect_stderr(err),
    ):
        code = bot_main(list(args))
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    """The single line on stderr of a command that exited 2."""
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def _config(folder: Path, text: str) -> Path:
    path = folder / "config.toml"
    path.write_text(OFFLINE + text)
    return path


def _newer_database(path: Path) -> bytes:
    """A database of a schema newer than this code, in rollback-journal mode; its bytes."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE future (x INTEGER)")
        conn.execute(f"PRAGMA user_version = {len(shipped_migrations()) + 1}")
    conn.close()
    return path.read_bytes()


def test_webhook_without_a_secret_does_not_start(tmp_path: Path) -> None:
    config = _config(
        tmp_path, 'mode = "webhook"\n[telegram.webhook]\nurl = "https://ocu.example.org/t"\n'
    )
    line = _one_line(_bot("run", "--config", str(config)))
    assert line.startswith(
        f"config error: {config}: telegram.webhook.secret_token: required in webhook mode"
    )


def test_webhook_mode_without_the_webhooks_extra_does_not_start(tmp_path: Path) -> None:
    # As installed without ocu-bot[webhooks]: PTB's webhook server (tornado) is not there.
    config = _config(
        tmp_path,
        'mode = "webhook"\n[telegram.webhook]\nurl = "https://ocu.example.org/t"\n'
        'secret_token = "s3cret-Token"\n',
    )
    with mock.patch.dict(sys.modules, {"tornado": None}):
        line = _one_line(_bot("run", "--config", str(config)))
    assert line == f"config error: {config}: {WEBHOOK_EXTRA}"
    assert "pip install 'ocu-bot[webhooks]'" in line


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            '[catalogue.aliases]\ncocaine = ["meth"]\n',
            'catalogue.aliases: alias "meth" is given to both "methamphetamine" and "cocaine"',
        ),
        ('[storage]\ndatabase = ""\n', "storage.database: empty; name the SQLite file"),
        ("[access]\nadmins = [true]\n", "access.admins.0: Input should be a valid integer"),
    ],
)
def test_a_wrong_setting_stops_run_with_one_line(tmp_path: Path, text: str, says: str) -> None:
    config = _config(tmp_path, text)
    assert _one_line(_bot("run", "--config", str(config))).startswith(
        f"config error: {config}: {says}"
    )


async def test_a_token_telegram_refuses_is_one_line_that_does_not_repeat_it(
    tmp_path: Path,
) -> None:
    async with FakeBotAPI() as api:
        config = tmp_path / "config.toml"
        config.write_text(f'[telegram]\ntoken = "999:not-the-token"\nbase_url = "{api.base_url}"\n')
        env = {k: v for k, v in os.environ.items() if k != "OCU_BOT_TOKEN"}
        bot = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", "--config", str(config),
            cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        _, stderr = await bot.communicate()
    assert bot.returncode == 2
    assert stderr.decode().strip().splitlines() == [
        "config error: telegram.token: the Bot API refused the bot token; "
        "check OCU_BOT_TOKEN or [telegram] token"
    ]


def test_an_unreachable_bot_api_is_named(tmp_path: Path) -> None:
    config = _config(tmp_path, "")
    done = _process("run", "--config", str(config))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]  # after the limiter's notes of each try
    assert last.startswith(
        "config error: telegram.base_url: cannot reach the Bot API at http://127.0.0.1:9/bot"
    )


def test_a_newer_database_is_refused_and_left_byte_for_byte(tmp_path: Path) -> None:
    database = tmp_path / "ocu.sqlite3"
    before = _newer_database(database)
    config = _config(tmp_path, "")
    line = _one_line(_bot("run", "--config", str(config)))
    assert line.startswith(f"database error: database {database} is at schema version")
    assert "newer than this code" in line
    assert database.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml", "ocu.sqlite3"]


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    database = tmp_path / "ocu.sqlite3"
    database.write_bytes(b"Not SQLite. " * 100)
    config = _config(tmp_path, "")
    line = _one_line(_bot("run", "--config", str(config)))
    assert line.startswith(f"database error: database {database} is not an SQLite database")
    assert database.read_bytes() == b"Not SQLite. " * 100


def test_a_folder_named_as_the_database_is_named(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    config = _config(tmp_path, '[storage]\ndatabase = "data"\n')
    line = _one_line(_bot("run", "--config", str(config)))
    assert line == f"database error: database {tmp_path / 'data'} is a folder, not a file; " + (
        "name the file in it"
    )


@pytest.fixture
def read_only_folder() -> Iterator[Path]:
    """A folder the bot may read but not write (the bot runs as `nobody` when tests are root)."""
    # Not under pytest's tmp_path: its base folder is private to the user running the tests.
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        folder.chmod(0o755)
        yield folder
        folder.chmod(0o755)


def _as_someone_else() -> int | None:
    return NOBODY if os.geteuid() == 0 else None


def test_a_read_only_folder_is_named_before_anything_runs(read_only_folder: Path) -> None:
    config = _config(read_only_folder, "")
    config.chmod(0o644)
    read_only_folder.chmod(0o555)
    line = _one_line(_process("run", "--config", str(config), user=_as_someone_else()))
    database = read_only_folder / "ocu.sqlite3"
    assert line.startswith(f"database error: database {database} cannot be opened")
    assert "check that its folder exists and that the bot may write to it" in line


@pytest.mark.parametrize("mode", [0o444, 0o666], ids=["read-only file", "read-only folder"])
def test_a_read_only_database_is_named(read_only_folder: Path, mode: int) -> None:
    config = _config(read_only_folder, "")
    config.chmod(0o644)
    database = read_only_folder / "ocu.sqlite3"
    apply_migrations(database)
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    database.chmod(mode)
    read_only_folder.chmod(0o555)
    line = _one_line(_process("run", "--config", str(config), user=_as_someone_else()))
    assert line.startswith(f"database error: database {database} is read-only")


def test_a_sandbox_folder_it_cannot_write_to_is_named(read_only_folder: Path) -> None:
    read_only_folder.chmod(0o555)
    data = read_only_folder / "sandbox-data"
    line = _one_line(_process("sandbox", "--data", str(data), user=_as_someone_else()))
    assert line == f"sandbox error: cannot make the folder {data} (Permission denied)"
    read_only_folder.chmod(0o755)
    data.mkdir()
    data.chmod(0o555)
    line = _one_line(_process("sandbox", "--data", str(data), user=_as_someone_else()))
    assert line == f"sandbox error: cannot write to the folder {data}; name another with --data"


def test_backup_to_a_missing_folder_or_of_no_database(tmp_path: Path) -> None:
    database = tmp_path / "ocu.sqlite3"
    config = _config(tmp_path, "")
    missing = tmp_path / "no-such-folder" / "copy.sqlite3"
    nothing = _one_line(_bot("backup", str(missing), "--config", str(config)))
    assert nothing == f"backup error: there is no database at {database} to back up"
    assert not database.exists()
    apply_migrations(database)
    line = _one_line(_bot("backup", str(missing), "--config", str(config)))
    assert line == f"backup error: the folder {missing.parent} does not exist; make it first"
    itself = _one_line(_bot("backup", str(database), "--config", str(config)))
    assert (
        itself == f"backup error: {database} is the database itself; name another file for the copy"
    )
    made = _process("backup", str(tmp_path / "copy.sqlite3"), "--config", str(config))
    assert made.returncode == 0 and (tmp_path / "copy.sqlite3").is_file()


def test_import_into_a_database_it_cannot_use(tmp_path: Path) -> None:
    rows = tmp_path / "reports.csv"
    rows.write_text("report_id\n")
    newer = tmp_path / "newer.sqlite3"
    before = _newer_database(newer)
    line = _one_line(_bot("import", str(rows), "--operation", "SIREN", "--db", str(newer)))
    assert line.startswith(f"database {newer} is at schema version")
    assert line.endswith("; nothing was imported")
    assert newer.read_bytes() == before
    corrupt = tmp_path / "corrupt.sqlite3"
    corrupt.write_bytes(b"\0garbage" * 200)
    line = _one_line(_bot("import", str(rows), "--operation", "SIREN", "--db", str(corrupt)))
    assert line.startswith(f"database {corrupt} is not an SQLite database")
    config = _config(tmp_path, '[storage]\ndatabase = ""\n')
    line = _one_line(_bot("import", str(rows), "--operation", "SIREN", "--config", str(config)))
    assert line.startswith(f"config error: {config}: storage.database: empty")
    assert line.endswith("(or name the database with --db PATH)")
    missing = tmp_path / "typo" / "ocu.sqlite3"
    line = _one_line(_bot("import", str(rows), "--operation", "SIREN", "--db", str(missing)))
    assert line == f"{missing}: no database file there; name the bot's with --db or --config"
    assert not missing.parent.exists()


def test_parse_stops_quietly_when_its_reader_does(tmp_path: Path) -> None:
    messages = tmp_path / "messages.txt"
    # Far more answers than a pipe holds: the writer is still writing when the reader goes.
    messages.write_text("2kg meth at ICN\n" * 20_000)
    with messages.open("rb") as stdin, subprocess.Popen(
        [sys.executable, "-m", "bot", "parse"],
        stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    ) as parse:  # fmt: skip
        assert parse.stdout is not None and parse.stderr is not None
        assert parse.stdout.readline().startswith(b'{"items": [{"substance": "methamphetamine"')
        parse.stdout.close()
        errors = parse.stderr.read()
        assert parse.wait(timeout=60) == 1
    assert errors == b""


@pytest.mark.parametrize(
    ("write", "says"),
    [
        (lambda p: p.write_bytes(b'log_level = "\xe9\xe9"\n'), "not UTF-8 text (byte 13)"),
        (lambda p: p.mkdir(), "a folder, not a config file; name the file, e.g. --config"),
        (
            lambda p: p.write_text("[telegram]\nmax_messages_per_second = 1" + "0" * 400),
            "telegram.max_messages_per_second: Input should be a valid number (got 1000",
        ),
        (
            lambda p: p.write_text("[schedule]\ngrace_hours = -1" + "0" * 400),
            "schedule.grace_hours: Input should be a valid number (got -1000",
        ),
    ],
    ids=["latin-1", "folder", "huge rate", "huge negative grace"],
)
def test_a_config_it_cannot_read_or_a_number_beyond_a_float_is_one_line(
    tmp_path: Path, write: Any, says: str
) -> None:
    config = tmp_path / "config.toml"
    write(config)
    line = _one_line(_bot("run", "--config", str(config)))
    assert line.startswith(f"config error: {config}: {says}")
    assert "0" * 40 not in line  # a 400-digit number is cut short


def test_a_config_file_this_user_may_not_read_is_one_line(read_only_folder: Path) -> None:
    config = _config(read_only_folder, "")
    someone_else = _as_someone_else()
    # Root reads any file: as root the bot runs as `nobody`, kept out by 0600; anyone else is
    # kept out of their own file by 0000.
    config.chmod(0o600 if someone_else is not None else 0o000)
    line = _one_line(_process("run", "--config", str(config), user=someone_else))
    assert line == (
        f"config error: {config}: this user may not read it; let it (chmod o+r {config}) "
        "or run as its owner"
    )
