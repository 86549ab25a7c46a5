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
from bot.config_checks import title_problem, twice_declared


def _secret(value: SecretStr) -> SecretStr:
    return SecretStr(plain.secret_token(value.get_secret_value()))


def _title(value: str) -> str:
    problem = title_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


# Strict: TOML's `true` is not the number 1, nor "8443" a port, nor 30.0 a whole count; a whole
# number is a fine float. A wrong type is refused, never converted.
Int = Annotated[int, Field(strict=True)]
Float = Annotated[float, Field(strict=True)]
Bool = Annotated[bool, Field(strict=True)]
TimeZone = Annotated[str, AfterValidator(_zone)]
Code = Annotated[str, AfterValidator(_code)]
TimeOfDay = Annotated[str, AfterValidator(_hhmm)]


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Webhook(_Section):
    listen: str = "127.0.0.1"
    port: Int = Field(8443, ge=1, le=65535)
    url: str = ""
    url_path: str = "telegram"
    secret_token: Annotated[SecretStr, AfterValidator(_secret)] | None = None


class Telegram(_Section):
    token: SecretStr | None = None
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    mode: Literal["polling", "webhook"] = "polling"
    webhook: Webhook = Webhook()
    poll_timeout: Int = Field(30, ge=0, le=60)
    max_messages_per_second: Float = Field(30, ge=0, le=1000)


class Storage(_Section):
    database: Annotated[Path, BeforeValidator(_file_name)] = Path("ocu.sqlite3")


class Access(_Section):
    # Strict: TOML's `true` is not user 1.
    admins: tuple[Annotated[int, Field(strict=True, gt=0)], ...] = ()


class Schedule(_Section):
    grace_hours: Float = Field(6.0, ge=0, le=168)
    default_digest_time: TimeOfDay = "08:00"
    send_attempts: Int = Field(5, ge=1, le=20)


class Operations(_Section):
    default_timezone: TimeZone = "UTC"
    undo_window_minutes: Int = Field(15, ge=0, le=1440)
    phase_warning_hours: Float = Field(24.0, ge=0, le=720)
    invite_hours: Float = Field(72.0, gt=0, le=24 * 30)


class DeclaredOperation(_Section):
    code: Code
    title: Annotated[str, AfterValidator(_title)]
    timezone: TimeZone
    exercise: Bool = False


class Catalogue(_Section):
    aliases: dict[str, tuple[str, ...]] = {}

    @field_validator("aliases")
    @classmethod
    def _fit_the_catalogue(cls, aliases: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        check_aliases(aliases)
        return aliases


class Export(_Section):
    upload_limit_mb: Float = Field(50, gt=0, le=2000)
    progress_from_rows: Int = Field(0, ge=0)


class Language(_Section):
    thai_buddhist_era: Bool = True


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
        twice = twice_declared(op.code for op in self.operation)
        if twice is not None:
            raise ValueError(
                f"operation.{twice[0]}.code: {twice[1]!r} is the code of an earlier [[operation]]; "
                "give each its own code, e.g. code = 'TIDE'"
            )
        return self


# A valid line for each setting, for pydantic's own refusals ("Input should be ...").
_EXAMPLES = {
    "listen": "listen = '127.0.0.1'", "port": "port = 8443",
    "url": "url = 'https://ocu.example.org/telegram'", "url_path": "url_path = 'telegram'",
    "secret_token": "secret_token = 'Abc-123_xyz'", "token": "token = '123456:ABC-DEF'",
    "base_url": "base_url = 'https://api.telegram.org/bot'",
    "base_file_url": "base_file_url = 'https://api.telegram.org/file/bot'",
    "mode": "mode = 'polling'", "poll_timeout": "poll_timeout = 30",
    "max_messages_per_second": "max_messages_per_second = 30",
    "database": "database = 'ocu.sqlite3'", "admins": "admins = [123456789]",
    "log_level": "log_level = 'INFO'", "default_timezone": "default_timezone = 'Asia/Seoul'",
    "undo_window_minutes": "undo_window_minutes = 15",
    "phase_warning_hours": "phase_warning_hours = 24", "invite_hours": "invite_hours = 72",
    "grace_hours": "grace_hours = 6", "default_digest_time": "default_digest_time = '08:00'",
    "send_attempts": "send_attempts = 5", "aliases": "methamphetamine = ['bingdu']",
    "upload_limit_mb": "upload_limit_mb = 50", "progress_from_rows": "progress_from_rows = 0",
    "thai_buddhist_era": "thai_buddhist_era = true", "code": "code = 'SIREN'",
    "title": "title = 'Operation Siren'", "timezone": "timezone = 'Asia/Seoul'",
    "exercise": "exercise = false", "operation": "[[operation]] tables, as in config.example.toml",
}  # fmt: skip


def _example(loc: tuple[int | str, ...]) -> str:
    names = [str(part) for part in loc if isinstance(part, str)]
    if not names:
        return "see config.example.toml"
    name = names[-1]
    # A section given as a value (telegram = "polling"): it is a table of settings.
    return _EXAMPLES.get(name, f"a [{name}] table, as in config.example.toml")


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
        got = repr(first["input"])
        # A 400-digit number is still one readable line.
        message += f" (got {got if len(got) <= 40 else got[:37] + '...'})"
    if first["type"] not in ("extra_forbidden", "value_error"):
        message += f"; e.g. {_example(first['loc'])}"
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
