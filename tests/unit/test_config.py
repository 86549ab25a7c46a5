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


_OP = '[[operation]]\ncode = "SIREN"\ntitle = "Siren"\ntimezone = "UTC"\n'
_HOOK = '[telegram]\nmode = "webhook"\n[telegram.webhook]\nsecret_token = "abc"\n'


@pytest.mark.parametrize(
    ("text", "says", "example"),
    [
        (
            '[telegram.webhook]\nport = "8443"',
            "telegram.webhook.port: Input should be a valid integer (got '8443')",
            "port = 8443",
        ),
        (
            "[telegram.webhook]\nport = true",
            "telegram.webhook.port: Input should be a valid integer (got True)",
            "port = 8443",
        ),
        (
            "[telegram]\npoll_timeout = true",
            "telegram.poll_timeout: Input should be a valid integer (got True)",
            "poll_timeout = 30",
        ),
        (
            "[telegram]\npoll_timeout = 30.0",
            "telegram.poll_timeout: Input should be a valid integer (got 30.0)",
            "poll_timeout = 30",
        ),
        (
            "[schedule]\nsend_attempts = true",
            "schedule.send_attempts: Input should be a valid integer (got True)",
            "send_attempts = 5",
        ),
        (
            "[telegram]\nmax_messages_per_second = false",
            "telegram.max_messages_per_second: Input should be a valid number (got False)",
            "max_messages_per_second = 30",
        ),
        (
            "[telegram]\nmax_messages_per_second = nan",
            "telegram.max_messages_per_second: Input should be less than or equal to 1000 "
            "(got nan)",
            "max_messages_per_second = 30",
        ),
        (
            "[operations]\nundo_window_minutes = false",
            "operations.undo_window_minutes: Input should be a valid integer (got False)",
            "undo_window_minutes = 15",
        ),
        (
            "[schedule]\ngrace_hours = true",
            "schedule.grace_hours: Input should be a valid number (got True)",
            "grace_hours = 6",
        ),
        (
            '[language]\nthai_buddhist_era = "yes"',
            "language.thai_buddhist_era: Input should be a valid boolean (got 'yes')",
            "thai_buddhist_era = true",
        ),
        (
            '[language]\nthai_buddhist_era = "no"',
            "language.thai_buddhist_era: Input should be a valid boolean (got 'no')",
            "thai_buddhist_era = true",
        ),
        (
            "[language]\nthai_buddhist_era = 1",
            "language.thai_buddhist_era: Input should be a valid boolean (got 1)",
            "thai_buddhist_era = true",
        ),
        (
            _OP + 'exercise = "off"',
            "operation.0.exercise: Input should be a valid boolean (got 'off')",
            "exercise = false",
        ),
        (
            _HOOK + 'url = "   "',
            "telegram.webhook.url is required when telegram.mode = 'webhook'",
            "url = 'https://ocu.example.org/telegram'",
        ),
        (
            _HOOK + 'url = "http://ocu.example.org/t"',
            "telegram.webhook.url: 'http://ocu.example.org/t' is not an https:// address; "
            "Telegram sends updates only over HTTPS",
            "url = 'https://ocu.example.org/telegram'",
        ),
        (
            _HOOK + 'url = "not a url"',
            "telegram.webhook.url: 'not a url' is not an https:// address; Telegram sends "
            "updates only over HTTPS",
            "url = 'https://ocu.example.org/telegram'",
        ),
        (
            _HOOK + 'url = "https://ocu.example.org:99999/t"',
            "telegram.webhook.url: 'https://ocu.example.org:99999/t' is not an https:// address",
            "url = 'https://ocu.example.org/telegram'",
        ),
        (
            _HOOK + 'url = "https://ocu.example.org:8080/t"',
            "telegram.webhook.url: port 8080 is not one Telegram posts to (443, 80, 88 or 8443)",
            "url = 'https://ocu.example.org/telegram'",
        ),
        (
            _OP + _OP.replace("Siren", "Other"),
            "operation.1.code: 'SIREN' is the code of an earlier [[operation]]; give each its "
            "own code",
            "code = 'TIDE'",
        ),
        (
            _OP.replace('"Siren"', '"   "'),
            "operation.0.title: blank; name the operation",
            "title = 'Operation Siren'",
        ),
        (
            '[catalogue.aliases]\nnewsub = ["kg"]',
            (
                'catalogue.aliases: alias "kg" of "newsub": it is a word seizure reports use for '
                "an amount, a unit or a detail, so the alias would never be read; choose another"
            ),
            'methamphetamine = ["bingdu"]',
        ),
        (
            '[catalogue.aliases]\nnewsub = ["at"]',
            'catalogue.aliases: alias "at" of "newsub": it is a word',
            'methamphetamine = ["bingdu"]',
        ),
        (
            '[catalogue.aliases]\nnewsub = ["1kg"]',
            'catalogue.aliases: alias "1kg" of "newsub": it is a word',
            'methamphetamine = ["bingdu"]',
        ),
        (
            '[catalogue.aliases]\nnewsub = ["Zombie", "KG"]',
            'catalogue.aliases: alias "KG" of "newsub": "kg" is a word',
            'methamphetamine = ["bingdu"]',
        ),
        # Before: accepted, though a report reads each as a count and a package, about and an
        # amount, or a number, so the alias could never apply.
        *(
            (
                f'[catalogue.aliases]\nnewsub = ["{word}"]',
                f'catalogue.aliases: alias "{word}" of "newsub": it is a word seizure reports '
                "use for an amount",
                'methamphetamine = ["bingdu"]',
            )
            for word in ("2봉지", "3bags", "약2kg", "2만")
        ),
        # Before: accepted, and quietly never used: a description stays provisional.
        *(
            (
                f'[catalogue.aliases]\nnewsub = ["{word}"]',
                f'catalogue.aliases: alias "{word}" of "newsub": it is only words that describe '
                "what was found (a colour, or a form such as powder)",
                'methamphetamine = ["bingdu"]',
            )
            for word in ("Blue", "white powder")
        ),
        # Before: accepted, and '/summary 어제' became a filter on the alias's substance.
        *(
            (
                f'[catalogue.aliases]\nnewsub = ["{word}"]',
                f'catalogue.aliases: alias "{word}" of "newsub": it is what /summary, /chart '
                "and /reports read as a period, a breakdown, an agency or a flag",
                'methamphetamine = ["bingdu"]',
            )
            for word in ("어제", "เมื่อวาน", "11월", "week", "today", "all", "voided", "agency=TCD")
        ),
        # Before: a new id was not checked: '/s 2kg zz' read "2 kg yesterday", and
        # '/summary yesterday' could never name it.
        *(
            (
                f'[catalogue.aliases]\n{word} = ["zz"]',
                f'catalogue.aliases: substance id "{word}": "',
                'nps = ["tusi"]',
            )
            for word in (
                "yesterday",
                "kg",
                "via",
                "today",
                "all",
                "week",
                "suspected",
                "and",
                "field_test",
            )
        ),
        (
            '[catalogue.aliases]\nnewsub = ["blue week"]',
            'catalogue.aliases: alias "blue week" of "newsub": "week" is what /summary',
            'methamphetamine = ["bingdu"]',
        ),
        (
            '[[operation]]\ncode = "SIREN"\ntimezone = "UTC"',
            "operation.0.title: required setting is missing",
            "title = 'Operation Siren'",
        ),
    ],
)
def test_a_wrong_value_is_refused_never_converted_with_a_valid_example(
    tmp_path: Path, text: str, says: str, example: str
) -> None:
    path = tmp_path / "c.toml"
    path.write_text(text + "\n")
    with pytest.raises(ConfigError) as refused:
        load_config(path)
    line = str(refused.value)
    assert line.startswith(f"{path}: {says}")
    assert f"e.g. {example}" in line and "\n" not in line


def test_whole_numbers_for_fractions_an_https_hook_and_word_aliases_are_accepted(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        _HOOK + 'url = "https://ocu.example.org:8443/t"\nport = 8443\n'
        "[schedule]\ngrace_hours = 6\n[export]\nupload_limit_mb = 50\n"
        '[catalogue.aliases]\nnewsub = ["blue dragon", "abc-018"]\n' + _OP + "exercise = true\n"
    )
    config = load_config(path)
    assert config.schedule.grace_hours == 6.0 and config.export.upload_limit_mb == 50.0
    assert config.telegram.webhook.url == "https://ocu.example.org:8443/t"
    assert config.catalogue.aliases == {"newsub": ("blue dragon", "abc-018")}
    assert config.operation[0].exercise is True
