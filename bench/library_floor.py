"""The library floor as its own process: `python -m bench.library_floor [MODULE]`.

Imports MODULE (none given: the interpreter alone) and prints, as JSON, its own processor time
and the system's monotonic clock at that moment: bench.startup counts from its launch to there,
as it counts a bot's start-up to its first getUpdates. `telegram.ext` is what any bot on this
stack imports before it can poll.
"""

from __future__ import annotations

import importlib
import json
import sys
import time


def main(module: str | None) -> None:
    """Import the module, then say when and at what processor cost."""
    if module:
        importlib.import_module(module)
    print(json.dumps({"cpu_s": time.process_time(), "at": time.monotonic()}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
