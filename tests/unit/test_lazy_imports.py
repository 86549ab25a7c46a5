"""The bot starts without the chart and file libraries: they load with the first chart or file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "matplotlib",
    "numpy",
    "PIL",
    "openpyxl",
    "xlsxwriter",
    "fpdf",
    "fontTools",
    "pydantic_settings",
    # The config is read without it when every setting is right (bot.config, #16).
    "pydantic",
    "pydantic_core",
)


# The bot's own modules for a chart, an export or the pack: loaded by the first such command.
OWN_LATER = (
    "bot.chart",
    "bot.debrief",
    "bot.exporting",
    "bot.render.chart",
    "bot.render.chart_draw",
    "bot.render.export",
    "bot.render.workbook",
    "storage.chart",
    "storage.export",
)


@pytest.mark.parametrize("module", ["bot.runner", "bot.app", "bot.__main__", "handlers"])
def test_starting_the_bot_loads_no_chart_or_file_library_nor_its_own_chart_export_or_pack_code(
    module: str,
) -> None:
    # A fresh interpreter: this test process may already hold them from other tests. One
    # interpreter asks both questions (each start is most of a second of processor time).
    code = (
        f"import json, sys, {module}\n"
        f"print(json.dumps({{'libraries': sorted({{m.split('.')[0] for m in sys.modules}}"
        f" & set({HEAVY!r})), 'own': sorted(set(sys.modules) & set({OWN_LATER!r}))}}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"libraries": [], "own": []}


# Babel's formatting modules load with the first date or number written (#16), not to poll.
LATER_AT_START = (*HEAVY, "babel.dates", "babel.numbers", "babel.lists", "babel.core")


def test_the_built_application_has_loaded_no_formatting_chart_or_file_library() -> None:
    # Built as `python -m bot run` builds it before the first getUpdates: config, handlers, app.
    code = (
        "import json, sys\n"
        "from bot.config import load_config\n"
        "from bot.app import build_application\n"
        "build_application(load_config(None), token='1:abc')\n"
        f"print(json.dumps(sorted(set(sys.modules) & set({LATER_AT_START!r}))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


# What handling an update needs: set up once the first getUpdates is out (bot.handling, #16).
HANDLING = (
    "handlers",
    "bot.handling",
    "bot.parsing",
    "bot.scheduler",
    "bot.render.replies",
    "bot.domain.vocabulary",
)


def test_the_bot_polls_before_it_loads_the_handlers_the_parser_or_the_clock() -> None:
    # As `python -m bot run` does before its first getUpdates: the runner, the config, the app.
    code = (
        "import json, sys\n"
        "import bot.runner\n"
        "from bot.config import load_config\n"
        "from bot.app import build_application\n"
        "build_application(load_config(None), token='1:abc')\n"
        f"print(json.dumps(sorted(set(sys.modules) & set({HANDLING!r}))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


# `python -m bot run` up to the point it starts PTB, then what PTB and httpx have loaded; with
# tornado hidden first when sys.argv[2] says so (installed without ocu-bot[webhooks]).
_UP_TO_THE_RUN = """
import json, sys
if sys.argv[2] == "without":
    sys.modules["tornado"] = None
import bot.__main__ as cli

def started(config):
    import bot.runner
    from telegram.ext import _updater
    loaded = {m.split(".")[0] for m in sys.modules if sys.modules[m] is not None}
    unwanted = {"tornado", "rich", "click", "pygments", "pydantic"}
    print(json.dumps({"webhooks": _updater.WEBHOOKS_AVAILABLE,
                      "loaded": sorted(loaded & unwanted)}))
    return 0

cli._run = started
sys.exit(cli.main(["run", "--config", sys.argv[1]]))
"""

_WEBHOOK = (
    'mode = "webhook"\n[telegram.webhook]\nurl = "https://example.org/hook"\n'
    'secret_token = "s3cret-Token_for-tests"\n'
)


@pytest.mark.parametrize(
    ("telegram", "extra", "webhooks", "loaded"),
    [("", "without", False, []), (_WEBHOOK, "with", True, ["tornado"])],
    ids=["polling-as-deployed", "webhook-with-the-extra"],
)
def test_a_polling_bot_needs_no_webhook_server_and_neither_loads_httpx_command_line(
    tmp_path: Path, telegram: str, extra: str, webhooks: bool, loaded: list[str]
) -> None:
    # tornado (PTB's webhook server, the extra ocu-bot[webhooks]) and rich, click, pygments
    # (httpx's command-line client, installed beside the development tools) are a fifth of the
    # start-up to the first poll.
    config = tmp_path / "config.toml"
    config.write_text(
        f'[telegram]\ntoken = "1:abc"\n{telegram}[storage]\ndatabase = "{tmp_path / "db"}"\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", _UP_TO_THE_RUN, str(config), extra],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"webhooks": webhooks, "loaded": loaded}


# `python -m bot run` up to the point it starts PTB: how often every package's entry points were
# read, and the plugins APScheduler (PTB's JobQueue) found.
_PLUGINS_AT_THE_RUN = """
import json, sys
from importlib import metadata

reads = []
every = metadata.entry_points

def counted(**params):
    reads.append(params)
    return every(**params)

metadata.entry_points = counted
import bot.__main__ as cli

def started(config):
    import bot.runner
    from apscheduler.schedulers.base import BaseScheduler as B
    print(json.dumps({"reads": len(reads), "plugins": [sorted(B._trigger_plugins),
        sorted(B._executor_plugins), sorted(B._jobstore_plugins)]}))
    return 0

cli._run = started
sys.exit(cli.main(["run", "--config", sys.argv[1]]))
"""


def test_the_bot_finds_the_schedulers_plugins_without_reading_every_package(
    tmp_path: Path,
) -> None:
    from importlib import metadata

    # What APScheduler finds reading every installed package: the bot must find the same.
    groups = ("apscheduler.triggers", "apscheduler.executors", "apscheduler.jobstores")
    expected = [sorted(e.name for e in metadata.entry_points(group=g)) for g in groups]
    config = tmp_path / "config.toml"
    config.write_text(
        f'[telegram]\ntoken = "1:abc"\n[storage]\ndatabase = "{tmp_path / "db"}"\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", _PLUGINS_AT_THE_RUN, str(config)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"reads": 0, "plugins": expected}


def test_the_certificates_read_early_are_the_ones_httpx_reads() -> None:
    import httpx

    from bot import tls

    wanted = httpx.create_ssl_context().cert_store_stats()
    tls.load_early()
    early = tls.context()
    assert early.cert_store_stats() == wanted
    assert early.verify_mode == httpx.create_ssl_context().verify_mode
    # Taken once: the next bot in this process (tests, the sandbox) reads its own.
    assert tls.context() is not early
    assert tls.context().cert_store_stats() == wanted


def test_certificates_that_cannot_be_read_early_fail_where_they_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot import tls

    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "missing.pem"))
    tls.load_early()
    # Never a context that trusts nothing or everything: the error the bot always met.
    with pytest.raises(FileNotFoundError):
        tls.context()
