"""The config file: frozen pydantic models read from TOML, the token also from the environment."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

_CODE = re.compile(r"^[A-Z][A-Z0-9_-]{1,15}$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class ConfigError(Exception):
    """A setting is missing or wrong; the message names it."""


def _zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {value!r}; use an IANA name such as 'Asia/Seoul'"
        ) from None
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
    secret_token: SecretStr | None = None


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
    database: Path = Path("ocu.sqlite3")


class Access(_Section):
    admins: tuple[int, ...] = ()


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


class Config(_Section):
    telegram: Telegram = Telegram()
    storage: Storage = Storage()
    access: Access = Access()
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    operations: Operations = Operations()
    schedule: Schedule = Schedule()
    catalogue: Catalogue = Catalogue()
    operation: tuple[DeclaredOperation, ...] = ()

    @model_validator(mode="after")
    def _webhook_needs_url(self) -> Config:
        if self.telegram.mode == "webhook" and not self.telegram.webhook.url:
            raise ValueError("telegram.webhook.url is required when telegram.mode = 'webhook'")
        return self

    def token(self) -> str:
        """The bot token, or a ConfigError naming where to put it."""
        if self.telegram.token is None or not self.telegram.token.get_secret_value():
            raise ConfigError(
                "telegram.token: no bot token; set OCU_BOT_TOKEN or [telegram] token in the config"
            )
        return self.telegram.token.get_secret_value()


class _Environment(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OCU_BOT_", extra="ignore")
    token: SecretStr | None = None


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "config"
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "unknown setting (misspelt?); see config.example.toml for the settings"
    elif first["type"] == "missing":
        message = "required setting is missing"
    if (
        first["type"] != "extra_forbidden"
        and "input" in first
        and not isinstance(first["input"], dict)
    ):
        message += f" (got {first['input']!r})"
    return f"{where}: {message}"


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
    env_token = _Environment().token
    updates: dict[str, object] = {}
    if env_token is not None and env_token.get_secret_value():
        updates["telegram"] = config.telegram.model_copy(update={"token": env_token})
    if not config.storage.database.is_absolute():
        updates["storage"] = Storage(database=base / config.storage.database)
    return config.model_copy(update=updates) if updates else config
