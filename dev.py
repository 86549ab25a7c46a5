#!/usr/bin/env python3
"""Set-up and everyday commands with nothing but Python 3.11+: a .venv, then the real command.

python3 dev.py sandbox      the offline demo (python -m bot sandbox)
python3 dev.py test         lint, type-check, the layer contract and the whole test suite
python3 dev.py test --quick the same without the slow reliability runs (under a minute)
python3 dev.py bench        the benchmark (python -m bench)
python3 dev.py run ...      run the bot for real: python -m bot run --config config.toml
python3 dev.py bot ...      any `python -m bot` command: parse, backup, import, ...
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
STAMP = VENV / ".installed"


def ensure_venv() -> None:
    """Create .venv and install the project with its dev extras when pyproject.toml changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be run by an older python3
        sys.exit("OCU bot needs Python 3.11 or newer")
    if not PY.exists():
        print("creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("installing dependencies into .venv (first run only, about a minute) ...", flush=True)
    pip = [str(PY), "-m", "pip", "install", "--disable-pip-version-check"]
    for step, args in enumerate((["--upgrade", "pip"], ["-e", f"{ROOT}[dev]"]), start=1):
        print(f"  [{step}/2] pip install {' '.join(args)}", flush=True)
        if not _pip(pip + args):
            sys.exit(f"installing {' '.join(args)} into .venv failed")
    STAMP.write_text(wanted)
    print("  done.", flush=True)


def _pip(command: list[str]) -> bool:
    """Run pip, showing one line per package it collects; its whole output only on failure."""
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    )
    assert process.stdout is not None
    seen: list[str] = []
    for line in process.stdout:
        seen.append(line)
        if line.startswith(("Collecting ", "Installing collected packages")):
            print("    " + line.strip()[:100], flush=True)
    if process.wait() != 0:
        sys.stderr.write("".join(seen))
        return False
    return True


def run(*args: str) -> int:
    """Run a command with the venv's Python from the project folder."""
    return subprocess.run([str(PY), *args], cwd=ROOT).returncode


def lint_imports() -> int:
    """Check the layer contract in pyproject.toml ([tool.importlinter])."""
    script = VENV / ("Scripts/lint-imports.exe" if os.name == "nt" else "bin/lint-imports")
    return subprocess.run([str(script)], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    """Dispatch the sub-command."""
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    ensure_venv()
    command, rest = argv[0], argv[1:]
    if command == "sandbox":
        return run("-m", "bot", "sandbox", *rest)
    if command == "test":
        folders = ("bot", "handlers", "storage", "fakegram", "bench", "tests")
        linted = [d for d in folders if (ROOT / d).is_dir()]
        quick = "--quick" in rest
        rest = [a for a in rest if a != "--quick"] + (["-m", "not slow"] if quick else [])
        code = run("-m", "ruff", "check", *linted)
        code = code or run("-m", "ruff", "format", "--check", *linted)
        code = code or run("-m", "mypy", "--strict", "bot", "handlers", "storage", "fakegram")
        code = code or lint_imports()
        return code or run("-m", "pytest", *rest)
    if command == "bench":
        return run("-m", "bench", *rest)
    if command == "run":
        return run("-m", "bot", "run", *rest)
    if command == "bot":
        return run("-m", "bot", *rest)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
