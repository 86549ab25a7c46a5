"""The config file: defaults, the environment's token, and one clear line for a wrong setting."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parents[2]


def test_example_config_is_valid_and_documents_the_interface_keys() -> None:
    example = ROOT / "config.example.toml"
    config = load_config(example)
    assert config.telegram.mode == "polling"
    assert config.storage.database == ROOT / "ocu.sqlite3"  # relative to the file
    text = example.read_text()
    for key in ("token", "base_url", "database", "admins"):
        assert f"{key} =" in text


def test_token_from_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[telegram]\ntoken = "1:file"\n')
    monkeypatch.setenv("OCU_BOT_TOKEN", "2:env")
    assert load_config(path).token() == "2:env"


def test_missing_token_names_both_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OCU_BOT_TOKEN", raising=False)
    path = tmp_path / "c.toml"
    path.write_text("")
    with pytest.raises(ConfigError, match="OCU_BOT_TOKEN"):
        load_config(path).token()


_WEBHOOK = '[telegram]\nmode = "webhook"\n[telegram.webhook]\nurl = "https://ocu.example.org/t"\n'


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ('[telegram]\nmdoe = "polling"\n', "telegram.mdoe: unknown setting"),
        ('[telegram]\nmode = "carrier-pigeon"\n', "telegram.mode"),
        ("[schedule]\ngrace_hours = -1\n", "schedule.grace_hours"),
        ('[schedule]\ndefault_digest_time = "25:00"\n', "schedule.default_digest_time"),
        ('[[operation]]\ncode = "SIREN"\ntitle = "S"\ntimezone = "Mars/Base"\n', "timezone"),
        ('[access]\nadmins = ["bob"]\n', "access.admins"),
        ("[telegram\n", "not valid TOML"),
        ('[telegram]\nmode = "webhook"\n', "telegram.webhook.url is required"),
        (_WEBHOOK, "telegram.webhook.secret_token: required in webhook mode"),
        (_WEBHOOK + 'secret_token = "has spaces"\n', "telegram.webhook.secret_token: must be"),
        (_WEBHOOK + f'secret_token = "{"x" * 257}"\n', "telegram.webhook.secret_token: must be"),
        ("[access]\nadmins = [true]\n", "access.admins.0: Input should be a valid integer"),
        ("[access]\nadmins = [0]\n", "access.admins.0: Input should be greater than 0"),
        ('[access]\nadmins = ["1001"]\n', "access.admins.0: Input should be a valid integer"),
        ('[operations]\ndefault_timezone = "localtime"\n', "unknown time zone 'localtime'"),
        ('[operations]\ndefault_timezone = "right/UTC"\n', "unknown time zone 'right/UTC'"),
        ('[operations]\ndefault_timezone = "posixrules"\n', "unknown time zone 'posixrules'"),
        ('[storage]\ndatabase = ""\n', "storage.database: empty; name the SQLite file"),
        (
            '[catalogue.aliases]\ncocaine = ["meth"]\n',
            'catalogue.aliases: alias "meth" is given to both "methamphetamine" and "cocaine"',
        ),
    ],
)
def test_wrong_setting_is_named(tmp_path: Path, text: str, names: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=names.replace(".", r"\.")):
        load_config(path)


def test_cli_exits_2_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[storage]\ndatabse = "x.sqlite3"\n')
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--config", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"config error: {path}: storage.databse: unknown setting (misspelt?); "
        "see config.example.toml for the settings"
    ]


def test_webhook_with_a_secret_starts_and_the_secret_is_never_repeated(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(_WEBHOOK + 'secret_token = "Abc-123_xyz"\n')
    hook = load_config(path).telegram.webhook
    assert hook.secret_token is not None and hook.secret_token.get_secret_value() == "Abc-123_xyz"
    path.write_text(_WEBHOOK + 'secret_token = "my secret!"\n')
    with pytest.raises(ConfigError) as refused:
        load_config(path)
    assert "my secret" not in str(refused.value)


def test_canonical_zones_and_positive_admins_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        '[operations]\ndefault_timezone = "Etc/GMT-7"\n[access]\nadmins = [1001, 1002]\n'
        '[[operation]]\ncode = "SIREN"\ntitle = "S"\ntimezone = "America/Argentina/Salta"\n'
    )
    config = load_config(path)
    assert config.access.admins == (1001, 1002)
    assert config.operation[0].timezone == "America/Argentina/Salta"
