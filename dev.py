#!/usr/bin/env python3
"""Set-up and everyday commands with nothing but Python 3.11+: a .venv, then the real command.

python3 dev.py sandbox      the offline demo (python -m bot sandbox); --data FOLDER for another
                            folder than sandbox-data/, --fresh to start its database over
python3 dev.py test         lint, type-check, the layer contract and the whole test suite (the
                            checks run beside pytest; their output shows at the end)
python3 dev.py test --quick the same without the slow reliability runs (the kills, Telegram faults,
                            bad input, access and backup suites of tests/reliability/), and
                            with a fifth of each property test's examples (at least 10)
python3 dev.py bench        the benchmark (python -m bench)
python3 dev.py run ...      run the bot for real: python -m bot run --config config.toml
python3 dev.py bot ...      any `python -m bot` command: parse, backup, import, ...

`test` runs pytest on every core (pytest-xdist's -n auto); `-n 0` runs it in one process, and
other arguments go to pytest (`python3 dev.py test --quick tests/e2e -x`).
`--help` after `test` or `sandbox` prints this text and runs nothing; pytest's own options:
`.venv/bin/python -m pytest --help` (after a first run has made the .venv).
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import threading
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
STAMP = VENV / ".installed"


def ensure_venv() -> None:
    """Create .venv and install the project with its extras when pyproject.toml changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be run by an older python3
        sys.exit("OCU bot needs Python 3.11 or newer")
    started = time.monotonic()
    if not PY.exists():
        print(f"Creating {VENV} (first run only) ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    direct = _direct_requirements()
    print(
        f"Installing {len(direct)} packages into .venv (first run only; a minute or two, more"
        " on a slow line), with what they need in turn:",
        flush=True,
    )
    print("  " + ", ".join(direct), flush=True)
    pip = [str(PY), "-m", "pip", "install", "--disable-pip-version-check"]
    steps = (
        ("pip itself, up to date", ["--upgrade", "pip"]),
        # webhooks: the end-to-end test of webhook mode runs it.
        ("the project and its packages", ["-e", f"{ROOT}[dev,webhooks]"]),
    )
    for step, (what, args) in enumerate(steps, start=1):
        print(f"  [{step}/{len(steps)}] {what}: pip install {' '.join(args)}", flush=True)
        if not _pip(pip + args):
            sys.exit(f"installing {' '.join(args)} into .venv failed (pip's output above)")
    STAMP.write_text(wanted)
    print(f"  done in {time.monotonic() - started:.0f} s; later runs start at once.", flush=True)


def _direct_requirements() -> list[str]:
    """The names of the packages pyproject.toml asks for, with the dev and webhooks extras."""
    import tomllib  # here: an older python3 must reach ensure_venv's message

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    wanted = project["dependencies"] + extras.get("dev", []) + extras.get("webhooks", [])
    return list(dict.fromkeys(re.split(r"[<>=!~\[ ;]", w, maxsplit=1)[0] for w in wanted))


def _pip(command: list[str]) -> bool:
    """Run pip, showing what it fetches and installs as it goes; its whole output on failure.

    pip says nothing while it installs (the longest part) and shows no progress bar into a
    pipe, so a line every 15 s says it is still at work.
    """
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    )
    assert process.stdout is not None
    seen: list[str] = []
    started = last = time.monotonic()
    done = threading.Event()

    def heartbeat() -> None:
        while not done.wait(15):
            if time.monotonic() - last >= 15:
                print(f"    ... still at work ({time.monotonic() - started:.0f} s)", flush=True)

    threading.Thread(target=heartbeat, daemon=True).start()
    collected = 0
    try:
        for line in process.stdout:
            seen.append(line)
            shown = _shown(line, collected)
            if line.startswith("Collecting "):
                collected += 1
            if shown:
                print("    " + shown, flush=True)
                last = time.monotonic()
    finally:
        done.set()
    if process.wait() != 0:
        sys.stderr.write("".join(seen))
        return False
    return True


def _shown(line: str, collected: int) -> str | None:
    """The line of pip's output worth showing, shortened, or None."""
    text = line.strip()
    if text.startswith("Collecting "):
        return f"{collected + 1:>3}. {text[len('Collecting ') :].split(' (from')[0][:80]}"
    if text.startswith("Downloading ") and "MB)" in text:  # only the large ones
        wheel, _, size = text[len("Downloading ") :].rpartition(" (")
        name = "-".join(wheel.rsplit("/", 1)[-1].split("-")[:2])  # hypothesis-6.170.17
        return f"       downloading {name} ({size}"
    if text.startswith("Installing collected packages:"):
        count = len(text.split(":", 1)[1].split(","))
        return f"installing {count} package{'s' if count > 1 else ''} (pip is quiet meanwhile) ..."
    if text.startswith(("Successfully installed", "ERROR", "WARNING: Retrying")):
        return text[:100] + (" ..." if len(text) > 100 else "")
    return None


def run(*args: str, tests: bool = False, quick: bool = False) -> int:
    """Run a command with the venv's Python from the project folder."""
    env = None
    if tests:
        # With PYTHONDONTWRITEBYTECODE set, pytest rewrites every test module's asserts in every
        # worker on every run, and each `python -m bot` a test starts compiles the bot again:
        # about 11 s of processor time a run. The caches go to the git-ignored __pycache__.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        if quick:
            env["OCU_QUICK"] = "1"  # a fifth of each property's examples (tests/examples.py)
    return subprocess.run([str(PY), *args], cwd=ROOT, env=env).returncode


def checks(linted: list[str]) -> tuple[int, str]:
    """ruff, mypy --strict and lint-imports in turn: the first failure's code, and their output."""
    script = VENV / ("Scripts/lint-imports.exe" if os.name == "nt" else "bin/lint-imports")
    commands = (
        [str(PY), "-m", "ruff", "check", *linted],
        [str(PY), "-m", "ruff", "format", "--check", *linted],
        [str(PY), "-m", "mypy", "--strict", "bot", "handlers", "storage", "fakegram"],
        [str(script)],  # the layer contract in pyproject.toml ([tool.importlinter])
    )
    printed = []
    for command in commands:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        printed.append(done.stdout + done.stderr)
        if done.returncode:
            return done.returncode, "".join(printed)
    return 0, "".join(printed)


def _asks_help(argv: list[str]) -> bool:
    """`test --help` or `sandbox -h`: usage, before a .venv is made or anything is run."""
    return argv[0] in {"test", "sandbox"} and bool({"-h", "--help"} & set(argv[1:]))


def main(argv: list[str]) -> int:
    """Dispatch the sub-command."""
    if not argv or argv[0] in {"-h", "--help", "help"} or _asks_help(argv):
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
        if not any(
            a.startswith(("-n", "--numprocesses", "--dist")) or a == "no:xdist" for a in rest
        ):
            # One worker per core (pytest-xdist); in the quick loop two: its tests spend half
            # their time waiting on the emulation, a worker process or a subprocess.
            rest = ["-n", str(2 * (os.cpu_count() or 1)) if quick else "auto", *rest]
        # The checks run beside pytest, not before it: the two take turns on the cores instead
        # of the tests waiting for mypy (seconds with its cache, a minute in a fresh clone).
        checked: list[tuple[int, str]] = []
        checking = threading.Thread(target=lambda: checked.append(checks(linted)))
        checking.start()
        tested = run("-m", "pytest", *rest, tests=True, quick=quick)
        checking.join()
        code, printed = checked[0] if checked else (1, "the checks did not run\n")
        if code:
            print(f"\nruff, mypy --strict or lint-imports failed:\n{printed}", flush=True)
        else:
            print("ruff, ruff format, mypy --strict and lint-imports: clean")
        return code or tested
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
