"""The config read without pydantic accepts only what the pydantic schema accepts, the same way."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import ConfigError, read_plainly
from bot.config_schema import validate

ROOT = Path(__file__).resolve().parents[2]
_HOOK = {"mode": "webhook", "webhook": {"url": "https://o.example/t", "secret_token": "a-B_1"}}
_OP = {"code": "SIREN", "title": "Operation Siren", "timezone": "Asia/Seoul"}

_CASES: list[dict[str, Any]] = [
    {},
    tomllib.loads((ROOT / "config.example.toml").read_text("utf-8")),
    {"telegram": _HOOK, "operation": [_OP, {**_OP, "code": "TIDE", "exercise": True}]},
    {"telegram": {**_HOOK, "webhook": {"url": "https://o.example/t"}}},
    {"telegram": {"mode": "webhook", "webhook": {"secret_token": "abc"}}},
    {"telegram": {"webhook": {"secret_token": "has spaces"}}},
    {"telegram": {"poll_timeout": 30.0}},
    {"telegram": {"poll_timeout": True}},
    {"telegram": {"poll_timeout": 61}},
    {"telegram": {"poll_timeout": "30"}},
    {"telegram": {"max_messages_per_second": 0}},
    {"telegram": {"max_messages_per_second": float("nan")}},
    {"telegram": {"max_messages_per_second": float("inf")}},
    {"telegram": {"mode": "Polling"}},
    {"telegram": {"token": 12}},
    {"telegram": {"webhook": {"port": 0}}},
    {"telegram": "polling"},
    {"access": {"admins": [1, 2]}},
    {"access": {"admins": [1.0]}},
    {"access": {"admins": [True]}},
    {"access": {"admins": 5}},
    {"storage": {"database": "  "}},
    {"storage": {"database": 3}},
    {"operations": {"invite_hours": 0}, "export": {"upload_limit_mb": 0}},
    {"operations": {"default_timezone": "Mars/Base"}},
    {"schedule": {"default_digest_time": "8:00"}},
    {"schedule": {"grace_hours": 168, "send_attempts": 20}},
    {"export": {"progress_from_rows": -1}},
    {"language": {"thai_buddhist_era": 1}},
    {"catalogue": {"aliases": {"methamphetamine": ["bingdu"], "khat": ["qat"]}}},
    {"catalogue": {"aliases": {"cocaine": ["meth"]}}},
    {"catalogue": {"aliases": {"cocaine": "coke"}}},
    {"operation": [{**_OP, "title": ""}]},
    {"operation": [{**_OP, "title": "x" * 121}]},
    {"operation": [{**_OP, "code": "siren"}]},
    {"operation": [{"code": "SIREN", "title": "S"}]},
    {"operation": [{**_OP, "exercise": "yes"}]},
    {"operation": [{**_OP, "colour": "red"}]},
    {"log_level": "debug"},
    {"logging": "INFO"},
    {"telegram": {"webhook": {"port": "8443"}}},
    {"telegram": {"webhook": {"port": True}}},
    {"telegram": {"max_messages_per_second": False}},
    {"telegram": {"max_messages_per_second": 10**400}},
    {"schedule": {"grace_hours": -(10**400), "send_attempts": True}},
    {"operations": {"undo_window_minutes": False}},
    {"language": {"thai_buddhist_era": "no"}},
    {"telegram": {**_HOOK, "webhook": {**_HOOK["webhook"], "url": "   "}}},
    {"telegram": {**_HOOK, "webhook": {**_HOOK["webhook"], "url": "http://o.example/t"}}},
    {"telegram": {**_HOOK, "webhook": {**_HOOK["webhook"], "url": "http://127.0.0.1:8/t"}}},
    {"operation": [_OP, {**_OP, "title": "Other"}]},
    {"operation": [{**_OP, "title": "  "}]},
    {"catalogue": {"aliases": {"newsub": ["kg"]}}},
    {"catalogue": {"aliases": {"newsub": ["1kg", "at"]}}},
]


def _both(data: dict[str, Any]) -> tuple[object, object]:
    fast = read_plainly(data)
    try:
        checked: object = validate(data, "c.toml")
    except ConfigError as exc:
        checked = exc
    return fast, checked


@pytest.mark.parametrize("data", _CASES, ids=lambda d: json.dumps(d, default=str)[:60])
def test_the_fast_reading_takes_only_what_pydantic_takes_and_as_it_does(
    data: dict[str, Any],
) -> None:
    fast, checked = _both(data)
    if fast is not None:
        assert fast == checked


def test_the_example_and_a_full_webhook_config_take_the_fast_reading() -> None:
    for data in _CASES[:3]:
        assert read_plainly(data) == validate(data, "c.toml")


_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 70_000), st.floats(allow_nan=True),
    st.just(10**400),
    st.sampled_from(["", " ", "UTC", "Asia/Seoul", "SIREN", "08:00", "polling", "webhook",
                     "INFO", "abc", "x.sqlite3", "has spaces"]),
)  # fmt: skip
_KEYS = {
    "telegram": ["token", "mode", "poll_timeout", "max_messages_per_second", "base_url", "x"],
    "operations": ["default_timezone", "undo_window_minutes", "invite_hours"],
    "schedule": ["grace_hours", "default_digest_time", "send_attempts"],
    "export": ["upload_limit_mb", "progress_from_rows"],
    "language": ["thai_buddhist_era"],
    "storage": ["database"],
}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(sorted(_KEYS)), unique=True, max_size=3).flatmap(
        lambda sections: st.fixed_dictionaries(
            {s: st.dictionaries(st.sampled_from(_KEYS[s]), _VALUES, max_size=3) for s in sections}
        )
    )
)
def test_any_values_the_fast_reading_takes_pydantic_takes_alike(data: dict[str, Any]) -> None:
    fast, checked = _both(data)
    if fast is not None:
        assert fast == checked


def test_a_polling_run_reads_its_config_without_importing_pydantic() -> None:
    code = (
        "import json, sys\nfrom pathlib import Path\nfrom bot.config import load_config\n"
        "load_config(Path('config.example.toml'))\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_every_zone_a_person_may_name_is_read_quickly_and_nothing_else() -> None:
    from bot.domain.zones import known_zones, loads_as_zone

    assert all(loads_as_zone(name) for name in known_zones())
    for name in ("localtime", "posixrules", "Factory", "posix/Asia/Seoul", "right/UTC",
                 "Asia", "Mars/Base", "", "/etc/passwd", "Asia/../Asia/Seoul", "zone.tab",
                 "asia/seoul"):  # fmt: skip
        assert not loads_as_zone(name) or name in known_zones()
