"""The config file: frozen dataclasses read from TOML, the token also from the environment.

A config whose every value is plainly right (the right type, in range, no unknown key) is read
here without pydantic: its import and the models' building were a fifth of the bot's start-up
to its first getUpdates (#16). Anything else goes to bot.config_schema, the pydantic models,
which name the first wrong setting in one line or accept the value as they convert it; the
fast reading never accepts what they would refuse (tests/unit/test_config_fast.py).
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bot import config_checks as checks
from bot.domain.zones import is_zone, loads_as_zone

_CODE = re.compile(r"^[A-Z][A-Z0-9_-]{1,15}$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
# What Telegram accepts as a webhook's secret_token.
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class ConfigError(Exception):
    """A setting is missing or wrong; the message names it."""


def _zone(value: str) -> str:
    if not is_zone(value):
        raise ValueError(f"unknown time zone {value!r}; use an IANA name such as 'Asia/Seoul'")
    return value


def _code(value: str) -> str:
    if not _CODE.match(value):
        raise ValueError(
            f"{value!r} is not a code: 2-16 capitals, digits, '-' or '_', e.g. 'SIREN'"
        )
    return value


def _hhmm(value: str) -> str:
    if not _HHMM.match(value):
        raise ValueError(f"{value!r} is not a time of day; write it as HH:MM, e.g. '08:00'")
    return value


def secret_token(value: str) -> str:
    """The webhook's secret, or a ValueError saying Telegram's rule for it."""
    if not _SECRET.match(value):
        raise ValueError("must be 1 to 256 characters of A-Z a-z 0-9 _ - (Telegram's rule)")
    return value


def _file_name(value: object) -> object:
    # Path("") is ".", the config's own folder: name the mistake before it becomes a path.
    if isinstance(value, str) and not value.strip():
        raise ValueError("empty; name the SQLite file, e.g. database = 'ocu.sqlite3'")
    return value


def check_aliases(aliases: dict[str, tuple[str, ...]]) -> None:
    """Raise ValueError if the aliases conflict with the shipped names or the grammar's words."""
    from bot.domain.catalogue import Catalogue as SubstanceCatalogue

    # Conflicts are found here, not when the bot builds its catalogue.
    SubstanceCatalogue.load({k: list(v) for k, v in aliases.items()} or None)
    problem = checks.alias_problem(aliases)
    if problem is not None:
        raise ValueError(problem)


def webhook_problem(mode: str, url: str, has_secret: bool) -> str | None:
    """What webhook mode lacks, or None."""
    problem = checks.url_problem(url) if mode == "webhook" else None
    if problem is not None:
        return problem
    if mode == "webhook" and not has_secret:
        # Without it anyone who finds the url can post updates as any user, an admin too.
        return (
            "telegram.webhook.secret_token: required in webhook mode, so that only Telegram "
            "can send updates; set 1 to 256 characters of A-Z a-z 0-9 _ -"
        )
    return None


@dataclass(frozen=True)
class Secret:
    """A token or secret that is never shown in a repr or a log line."""

    value: str = field(repr=False)

    def get_secret_value(self) -> str:
        """The secret itself."""
        return self.value

    def __repr__(self) -> str:
        return "Secret('**********')"


@dataclass(frozen=True, kw_only=True)
class _Section:
    def model_copy(self, *, update: dict[str, Any]) -> Any:
        """A copy with some settings changed (as pydantic's, unchecked)."""
        return replace(self, **update)


@dataclass(frozen=True, kw_only=True)
class Webhook(_Section):
    listen: str = "127.0.0.1"
    port: int = 8443
    url: str = ""
    url_path: str = "telegram"
    secret_token: Secret | None = None


@dataclass(frozen=True, kw_only=True)
class Telegram(_Section):
    token: Secret | None = None
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    mode: str = "polling"  # "polling" or "webhook"
    webhook: Webhook = Webhook()
    poll_timeout: int = 30
    # Telegram's broadcast limit; 0 turns the overall limit off (per-group limits stay).
    max_messages_per_second: float = 30.0


@dataclass(frozen=True, kw_only=True)
class Storage(_Section):
    database: Path = Path("ocu.sqlite3")


@dataclass(frozen=True, kw_only=True)
class Access(_Section):
    admins: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Schedule(_Section):
    grace_hours: float = 6.0
    default_digest_time: str = "08:00"
    send_attempts: int = 5


@dataclass(frozen=True, kw_only=True)
class Operations(_Section):
    default_timezone: str = "UTC"
    undo_window_minutes: int = 15
    phase_warning_hours: float = 24.0
    invite_hours: float = 72.0


@dataclass(frozen=True, kw_only=True)
class DeclaredOperation(_Section):
    code: str
    title: str
    timezone: str
    exercise: bool = False


@dataclass(frozen=True, kw_only=True)
class Catalogue(_Section):
    # canonical id -> extra aliases, e.g. methamphetamine = ["bingdu"]
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Export(_Section):
    # Telegram takes documents up to 50 MB from a bot; a self-hosted Bot API server takes 2 GB.
    upload_limit_mb: float = 50.0
    # Every export answers at once with its progress message (#16: a quiet wait reads as lost).
    progress_from_rows: int = 0


@dataclass(frozen=True, kw_only=True)
class Language(_Section):
    # Thai readers date by the Buddhist era (2569 for 2026); false shows Gregorian years.
    thai_buddhist_era: bool = True


@dataclass(frozen=True, kw_only=True)
class Config(_Section):
    telegram: Telegram = Telegram()
    storage: Storage = Storage()
    access: Access = Access()
    log_level: str = "INFO"  # DEBUG, INFO, WARNING or ERROR
    operations: Operations = Operations()
    schedule: Schedule = Schedule()
    catalogue: Catalogue = Catalogue()
    export: Export = Export()
    language: Language = Language()
    operation: tuple[DeclaredOperation, ...] = ()

    def token(self) -> str:
        """The bot token, or a ConfigError naming where to put it."""
        if self.telegram.token is None or not self.telegram.token.get_secret_value():
            raise ConfigError(
                "telegram.token: no bot token; set OCU_BOT_TOKEN or [telegram] token in the config"
            )
        return self.telegram.token.get_secret_value()


class _Unsure(Exception):
    """Not plainly right: pydantic (bot.config_schema) decides, and names what is wrong."""


def _sure(ok: bool) -> None:
    if not ok:
        raise _Unsure


def _int(value: object, low: int, high: float = math.inf) -> int:
    _sure(type(value) is int and low <= value <= high)  # a bool is not a number here
    assert isinstance(value, int)
    return value


def _float(value: object, low: float, high: float, *, above: bool = False) -> float:
    _sure(type(value) in (int, float))
    assert isinstance(value, (int, float))
    try:
        number = float(value)
    except OverflowError:  # an int of 400 digits: pydantic words the refusal
        raise _Unsure from None
    _sure(math.isfinite(number) and (number > low if above else number >= low) and number <= high)
    return number


def _str(value: object) -> str:
    _sure(type(value) is str)
    assert isinstance(value, str)
    return value


def _a_zone(value: object) -> str:
    _sure(loads_as_zone(_str(value)))
    return str(value)


def _valid(check: Any, value: object) -> str:
    try:
        return str(check(_str(value)))
    except ValueError:
        raise _Unsure from None


def _table(data: object, kind: type[_Section], read: dict[str, Any]) -> Any:
    """The section from its TOML table, each key read by its reader."""
    _sure(type(data) is dict)
    assert isinstance(data, dict)
    _sure(data.keys() <= read.keys())
    return kind(**{key: read[key](value) for key, value in data.items()})


def _aliases(value: object) -> dict[str, tuple[str, ...]]:
    _sure(type(value) is dict)
    assert isinstance(value, dict)
    aliases: dict[str, tuple[str, ...]] = {}
    for name, names in value.items():
        _sure(type(names) is list)
        aliases[name] = tuple(_str(n) for n in names)
    try:
        if aliases:  # the shipped names alone always fit
            check_aliases(aliases)
    except ValueError:
        raise _Unsure from None
    return aliases


def _operation(value: object) -> DeclaredOperation:
    _sure(type(value) is dict)
    assert isinstance(value, dict)
    _sure({"code", "title", "timezone"} <= value.keys())
    _sure(checks.title_problem(_str(value["title"])) is None)
    read: Any = _table(value, DeclaredOperation, {
        "code": lambda v: _valid(_code, v), "title": _str,
        "timezone": _a_zone, "exercise": _bool,
    })  # fmt: skip
    return read  # type: ignore[no-any-return]


def _list(value: object) -> list[object]:
    _sure(type(value) is list)
    assert isinstance(value, list)
    return value


def _bool(value: object) -> bool:
    _sure(type(value) is bool)
    return bool(value)


def _choice(*choices: str) -> Any:
    def read(value: object) -> str:
        _sure(value in choices and type(value) is str)
        return str(value)

    return read


def _database(value: object) -> Path:
    _sure(type(value) is str and bool(str(value).strip()))
    return Path(str(value))


_WEBHOOK: dict[str, Any] = {
    "listen": _str, "port": lambda v: _int(v, 1, 65535), "url": _str, "url_path": _str,
    "secret_token": lambda v: Secret(_valid(secret_token, v)),
}  # fmt: skip
_TELEGRAM: dict[str, Any] = {
    "token": lambda v: Secret(_str(v)), "base_url": _str, "base_file_url": _str,
    "mode": _choice("polling", "webhook"),
    "webhook": lambda v: _table(v, Webhook, _WEBHOOK),
    "poll_timeout": lambda v: _int(v, 0, 60),
    "max_messages_per_second": lambda v: _float(v, 0, 1000),
}  # fmt: skip
_CONFIG: dict[str, Any] = {
    "telegram": lambda v: _table(v, Telegram, _TELEGRAM),
    "storage": lambda v: _table(v, Storage, {"database": _database}),
    "access": lambda v: _table(v, Access, {
        "admins": lambda a: tuple(_int(i, 1) for i in _list(a)),
    }),
    "log_level": _choice("DEBUG", "INFO", "WARNING", "ERROR"),
    "operations": lambda v: _table(v, Operations, {
        "default_timezone": _a_zone,
        "undo_window_minutes": lambda n: _int(n, 0, 1440),
        "phase_warning_hours": lambda n: _float(n, 0, 720),
        "invite_hours": lambda n: _float(n, 0, 24 * 30, above=True),
    }),
    "schedule": lambda v: _table(v, Schedule, {
        "grace_hours": lambda n: _float(n, 0, 168),
        "default_digest_time": lambda t: _valid(_hhmm, t),
        "send_attempts": lambda n: _int(n, 1, 20),
    }),
    "catalogue": lambda v: _table(v, Catalogue, {"aliases": _aliases}),
    "export": lambda v: _table(v, Export, {
        "upload_limit_mb": lambda n: _float(n, 0, 2000, above=True),
        "progress_from_rows": lambda n: _int(n, 0),
    }),
    "language": lambda v: _table(v, Language, {"thai_buddhist_era": _bool}),
    "operation": lambda v: tuple(_operation(o) for o in _list(v)),
}  # fmt: skip


def read_plainly(data: dict[str, object]) -> Config | None:
    """The config, when every value in `data` is plainly right; None when pydantic must look."""
    try:
        config: Config = _table(data, Config, _CONFIG)
    except _Unsure:
        return None
    hook = config.telegram.webhook
    if webhook_problem(config.telegram.mode, hook.url, hook.secret_token is not None):
        return None
    if checks.twice_declared(op.code for op in config.operation) is not None:
        return None
    return config


def _environment_token() -> Secret | None:
    # Read by hand, in any case as pydantic-settings did: that library alone was a tenth of the
    # bot's start-up and 5 MB of its memory, for one variable.
    for name, value in os.environ.items():
        if name.upper() == "OCU_BOT_TOKEN":
            return Secret(value)
    return None


def load_config(path: Path | None) -> Config:
    """Read and check the config file; relative paths in it are relative to the file."""
    data: dict[str, object] = {}
    base = Path.cwd()
    if path is not None:
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: no such config file; copy config.example.toml") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(checks.unreadable(path, exc)) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        base = path.resolve().parent
    config = read_plainly(data)
    if config is None:
        from bot.config_schema import validate

        config = validate(data, str(path or "config"))
    env_token = _environment_token()
    updates: dict[str, object] = {}
    if env_token is not None and env_token.get_secret_value():
        updates["telegram"] = replace(config.telegram, token=env_token)
    if not config.storage.database.is_absolute():
        updates["storage"] = Storage(database=base / config.storage.database)
    return replace(config, **updates) if updates else config  # type: ignore[arg-type]
