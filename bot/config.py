"""The config file: frozen pydantic models read from TOML, the token also from the environment."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.domain.catalogue import Catalogue as SubstanceCatalogue
from bot.parsing.validate import is_zone

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


def _secret(value: SecretStr) -> SecretStr:
    if not _SECRET.match(value.get_secret_value()):
        raise ValueError("must be 1 to 256 characters of A-Z a-z 0-9 _ - (Telegram's rule)")
    return value


def _file_name(value: object) -> object:
    # Path("") is ".", the config's own folder: name the mistake before it becomes a path.
    if isinstance(value, str) and not value.strip():
        raise ValueError("empty; name the SQLite file, e.g. database = 'ocu.sqlite3'")
    return value


TimeZone = Annotated[str, AfterValidator(_zone)]
Code = Annotated[str, AfterValidator(_code)]
TimeOfDay = Annotated[str, AfterValidator(_hhmm)]


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Webhook(_Section):
    listen: str = "127.0.0.1"
    port: int = Field(8443, ge=1, le=65535)
    url: str = ""
    url_path: str = "telegram"
    secret_token: Annotated[SecretStr, AfterValidator(_secret)] | None = None


class Telegram(_Section):
    token: SecretStr | None = None
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    mode: Literal["polling", "webhook"] = "polling"
    webhook: Webhook = Webhook()
    poll_timeout: int = Field(30, ge=0, le=60)
    # Telegram's broadcast limit; 0 turns the overall limit off (per-group limits stay).
    max_messages_per_second: float = Field(30, ge=0, le=1000)


class Storage(_Section):
    database: Annotated[Path, BeforeValidator(_file_name)] = Path("ocu.sqlite3")


class Access(_Section):
    # Strict: TOML's `true` is not user 1.
    admins: tuple[Annotated[int, Field(strict=True, gt=0)], ...] = ()


class Schedule(_Section):
    grace_hours: float = Field(6.0, ge=0, le=168)
    default_digest_time: TimeOfDay = "08:00"
    send_attempts: int = Field(5, ge=1, le=20)


class Operations(_Section):
    default_timezone: TimeZone = "UTC"
    undo_window_minutes: int = Field(15, ge=0, le=1440)
    phase_warning_hours: float = Field(24.0, ge=0, le=720)
    invite_hours: float = Field(72.0, gt=0, le=24 * 30)


class DeclaredOperation(_Section):
    code: Code
    title: str = Field(min_length=1, max_length=120)
    timezone: TimeZone
    exercise: bool = False


class Catalogue(_Section):
    # canonical id -> extra aliases, e.g. methamphetamine = ["bingdu"]
    aliases: dict[str, tuple[str, ...]] = {}

    @field_validator("aliases")
    @classmethod
    def _fit_the_catalogue(cls, aliases: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        # Conflicts with the shipped names are found here, not when the bot builds its catalogue.
        SubstanceCatalogue.load({k: list(v) for k, v in aliases.items()} or None)
        return aliases


class Export(_Section):
    # Telegram takes documents up to 50 MB from a bot; a self-hosted Bot API server takes 2 GB.
    upload_limit_mb: float = Field(50, gt=0, le=2000)
    # Every export answers at once with its progress message (#16: a quiet wait reads as lost).
    progress_from_rows: int = Field(0, ge=0)


class Language(_Section):
    # Thai readers date by the Buddhist era (2569 for 2026); false shows Gregorian years.
    thai_buddhist_era: bool = True


class Config(_Section):
    telegram: Telegram = Telegram()
    storage: Storage = Storage()
    access: Access = Access()
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    operations: Operations = Operations()
    schedule: Schedule = Schedule()
    catalogue: Catalogue = Catalogue()
    export: Export = Export()
    language: Language = Language()
    operation: tuple[DeclaredOperation, ...] = ()

    @model_validator(mode="after")
    def _webhook_needs_url(self) -> Config:
        if self.telegram.mode == "webhook" and not self.telegram.webhook.url:
            raise ValueError("telegram.webhook.url is required when telegram.mode = 'webhook'")
        if self.telegram.mode == "webhook" and self.telegram.webhook.secret_token is None:
            # Without it anyone who finds the url can post updates as any user, an admin too.
            raise ValueError(
                "telegram.webhook.secret_token: required in webhook mode, so that only Telegram "
                "can send updates; set 1 to 256 characters of A-Z a-z 0-9 _ -"
            )
        return self

    def token(self) -> str:
        """The bot token, or a ConfigError naming where to put it."""
        if self.telegram.token is None or not self.telegram.token.get_secret_value():
            raise ConfigError(
                "telegram.token: no bot token; set OCU_BOT_TOKEN or [telegram] token in the config"
            )
        return self.telegram.token.get_secret_value()


def _environment_token() -> SecretStr | None:
    # Read by hand, in any case as pydantic-settings did: that library alone was a tenth of the
    # bot's start-up and 5 MB of its memory, for one variable.
    for name, value in os.environ.items():
        if name.upper() == "OCU_BOT_TOKEN":
            return SecretStr(value)
    return None


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "unknown setting (misspelt?); see config.example.toml for the settings"
    elif first["type"] == "missing":
        message = "required setting is missing"
    # A token or a secret is never repeated back: error lines end up in logs.
    secret = any(str(part) in {"token", "secret_token"} for part in first["loc"])
    if (
        first["type"] != "extra_forbidden"
        and "input" in first
        and not isinstance(first["input"], dict)
        and not secret
    ):
        message += f" (got {first['input']!r})"
    return f"{where}: {message}" if where else message


def load_config(path: Path | None) -> Config:
    """Read and check the config file; relative paths in it are relative to the file."""
    data: dict[str, object] = {}
    base = Path.cwd()
    if path is not None:
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: no such config file; copy config.example.toml") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        base = path.resolve().parent
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path or 'config'}: {_describe(exc)}") from None
    env_token = _environment_token()
    updates: dict[str, object] = {}
    if env_token is not None and env_token.get_secret_value():
        updates["telegram"] = config.telegram.model_copy(update={"token": env_token})
    if not config.storage.database.is_absolute():
        updates["storage"] = Storage(database=base / config.storage.database)
    return config.model_copy(update=updates) if updates else config
