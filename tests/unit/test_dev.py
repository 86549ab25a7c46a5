"""dev.py's own command line: usage is printed, not acted on."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dev_under_test", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["-h"], ["test", "--help"], ["test", "--quick", "-h"], ["sandbox", "--help"]],
)
def test_help_prints_usage_and_runs_nothing(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dev = _dev()

    def refused(*args: object) -> int:
        raise AssertionError(f"ran {args} for {argv}")

    monkeypatch.setattr(dev, "ensure_venv", refused)
    monkeypatch.setattr(dev, "run", refused)
    monkeypatch.setattr(dev, "checks", refused)
    assert dev.main(argv) == 0
    out = capsys.readouterr().out
    assert "python3 dev.py test --quick" in out and "--fresh" in out
    assert "python -m pytest --help" in out


def test_other_arguments_still_reach_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    dev = _dev()
    ran: list[tuple[tuple[str, ...], dict[str, bool]]] = []
    monkeypatch.setattr(dev, "ensure_venv", lambda: None)
    monkeypatch.setattr(dev, "run", lambda *args, **how: ran.append((args, how)) or 0)
    monkeypatch.setattr(dev, "checks", lambda linted: (0, ""))
    assert dev.main(["test", "--quick", "tests/e2e", "-x"]) == 0
    args, how = ran[-1]
    workers = str(2 * (os.cpu_count() or 1))  # the quick loop's tests wait half their time
    assert args == ("-m", "pytest", "-n", workers, "tests/e2e", "-x", "-m", "not slow")
    assert how == {"tests": True, "quick": True}  # fewer property examples (tests/examples.py)
