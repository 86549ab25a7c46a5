"""A module run as deployed: `python -m bench.deployed MODULE [ARGS...]`.

The bench runs in the development environment, where the test and lint tools bring packages a
deployment has not got (rich, click and pygments, which httpx loads its command-line client
with when they are there). OCU_BENCH_HIDDEN names them, space-separated (bench.startup works
them out: every installed top-level package outside ocu-bot's own dependencies); each is made
one Python refuses to import, as if it were not installed, before MODULE runs as `python -m`.
"""

from __future__ import annotations

import os
import runpy
import sys

HIDDEN = "OCU_BENCH_HIDDEN"


def main() -> None:
    """Hide the packages named in OCU_BENCH_HIDDEN, then run the module."""
    for name in os.environ.get(HIDDEN, "").split():
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    sys.argv = sys.argv[1:]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
