"""The config's pydantic schema: it names a wrong setting (bot.config reads a right one).

bot.config reads a config whose every value is plainly right without pydantic (its import and
the models' building were a fifth of the bot's start-up, #16); anything it is not sure of comes
here, to be refused with one line naming the setting, or accepted as pydantic converts it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

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

from bot import config as plain
from bot.config import ConfigError, _code, _file_name, _hhmm, _zone, check_aliases, webhook_problem


def _secret(value: SecretStr) -> SecretStr:
    return SecretStr(plain.secret_token(value.get_secret_value()))


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
    aliases: dict[str, tuple[str, ...]] = {}

    @field_validator("aliases")
    @classmethod
    def _fit_the_catalogue(cls, aliases: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        check_aliases(aliases)
        return aliases


class Export(_Section):
    upload_limit_mb: float = Field(50, gt=0, le=2000)
    progress_from_rows: int = Field(0, ge=0)


class Language(_Section):
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
        secret = self.telegram.webhook.secret_token
        problem = webhook_problem(self.telegram.mode, self.telegram.webhook.url, secret is not None)
        if problem is not None:
            raise ValueError(problem)
        return self


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


def _plain(value: Any) -> Any:
    """The model's value as bot.config's frozen dataclasses hold it."""
    if isinstance(value, BaseModel):
        kind = getattr(plain, type(value).__name__)
        return kind(**{name: _plain(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, SecretStr):
        return plain.Secret(value.get_secret_value())
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value


def validate(data: dict[str, object], where: str) -> plain.Config:
    """The config pydantic makes of `data`, or a ConfigError naming the first wrong setting."""
    try:
        checked = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{where}: {_describe(exc)}") from None
    config: plain.Config = _plain(checked)
    return config
