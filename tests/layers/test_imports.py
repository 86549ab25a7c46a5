"""Every module imports on its own, first: no import cycle waits for the right import order.

A cycle hides while some other module happens to be imported before it (the test suite, the
app) and breaks a CLI, a worker process or a new test that imports the module first. Each
package is checked in an interpreter of its own; inside it, the project's modules are dropped
from sys.modules before each import, so every module is the first one imported (third-party
libraries stay loaded: they cannot take part in a cycle of ours, and loading them once keeps
this quick). The quick loop skips a module whose import read only files unchanged since it
last passed (tests/layers/verdicts.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.layers.verdicts import Verdicts

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "storage", "fakegram")

_FIRST = """
import importlib, json, sys, traceback
ours = {ours!r}
failures = {{}}
read = {{}}
for name in {modules!r}:
    for loaded in [m for m in sys.modules if m.split(".")[0] in ours]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception:
        failures[name] = traceback.format_exc(limit=-3)
    else:
        files = {{getattr(m, "__file__", None) for k, m in list(sys.modules.items())
                 if k.split(".")[0] in ours}}
        read[name] = sorted(f for f in files if f)
print(json.dumps([failures, read]))
"""


def modules(package: str) -> list[str]:
    """Every module of `package`, by dotted name (`__main__` runs the CLI, so it is left out)."""
    names = []
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def imported_first(
    names: list[str], ours: tuple[str, ...] = PACKAGES, root: Path = ROOT
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Each of `names` imported first in turn, in a fresh interpreter: the ones that fail, and
    for each that imports, the files of our packages its import ran."""
    script = _FIRST.format(ours=ours, modules=names)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    failures, read = json.loads(result.stdout.strip().splitlines()[-1])
    return failures, read


@pytest.mark.parametrize("package", PACKAGES)
def test_every_module_imports_first(package: str, request: pytest.FixtureRequest) -> None:
    kept = Verdicts(request.config, f"imported-first-{package}")
    names = [name for name in modules(package) if not kept.holds(name)]
    failures, read = imported_first(names) if names else ({}, {})
    kept.passed({name: map(Path, files) for name, files in read.items()})
    assert not failures, "\n".join(f"{name}:\n{error}" for name, error in failures.items())


def test_a_cycle_hidden_by_import_order_is_found(tmp_path: Path) -> None:
    # The check itself: `a` imported first works, `b` first fails, as a real cycle does.
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / "__init__.py").write_text("", encoding="utf-8")
    (probe / "a.py").write_text("from probe.b import B\nA = 1\n", encoding="utf-8")
    (probe / "b.py").write_text("import probe.a\nB = 2\n", encoding="utf-8")
    failures, read = imported_first(["probe.a", "probe.b"], ours=("probe",), root=tmp_path)
    assert list(failures) == ["probe.b"]
    assert "partially initialized module" in failures["probe.b"]
    # What a kept verdict is checked against: the files `a`'s import ran, `b` among them.
    assert sorted(Path(f).name for f in read["probe.a"]) == ["__init__.py", "a.py", "b.py"]
