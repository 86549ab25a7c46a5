"""What holds the event loop: the loop thread's stack, sampled while the ticker is late.

A thread wakes every few milliseconds; when the ticker (bench/stall.py) has not woken for over
LATE_S, it takes the loop thread's stack (sys._current_frames) and counts it. The report names
the innermost frames of the stacks seen most, each with the milliseconds it was seen for.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import time
import traceback
from collections import Counter
from typing import Any, Protocol

LATE_S = 0.030
EVERY_S = 0.005
FRAMES = 6  # innermost frames kept of each sample
TOP = 8


class _Ticking(Protocol):
    last: float


class Watchdog:
    """Samples the loop thread's stack while the ticker is over LATE_S late."""

    def __init__(self, ticker: _Ticking, *, enabled: bool) -> None:
        self.ticker = ticker
        self.enabled = enabled
        self.samples: Counter[tuple[str, ...]] = Counter()
        self._loop_thread = threading.get_ident()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="stall-watchdog", daemon=True)

    def __enter__(self) -> Watchdog:
        if self.enabled:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self.enabled:
            self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(EVERY_S):
            if time.monotonic() - self.ticker.last < LATE_S:
                continue
            frame = sys._current_frames().get(self._loop_thread)
            if frame is None:
                continue
            stack = traceback.extract_stack(frame)[-FRAMES:]
            self.samples[tuple(_line(f) for f in reversed(stack))] += 1

    def report(self) -> list[str]:
        """The stacks the loop was held in most, innermost frame first."""
        if not self.enabled:
            return []
        total = sum(self.samples.values())
        lines = [f"loop held (over {LATE_S * 1000:.0f} ms late) in {total} samples of"
                 f" {EVERY_S * 1000:.0f} ms; most seen:"]  # fmt: skip
        for stack, count in self.samples.most_common(TOP):
            lines.append(f"  ~{count * EVERY_S * 1000:.0f} ms: " + " <- ".join(stack))
        return lines


def _line(frame: Any) -> str:
    name = frame.filename.split("/site-packages/")[-1].split("/stall/")[-1]
    return f"{name}:{frame.lineno} {frame.name}"


class SlowCallbacks(logging.Handler):
    """asyncio's debug mode's "Executing <...> took 0.050 seconds", counted by where it ran."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: Counter[str] = Counter()
        self.held: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        took = re.search(r"took ([0-9.]+) seconds", text)
        if took is None:
            return
        where = re.search(r"coro=<(\S+) running at (\S+?)>? ", text) or re.search(
            r"<Handle (\S+?)\(", text
        )
        key = " at ".join(where.groups()) if where else text[:80]
        key = key.split("/site-packages/")[-1].split("/stall/")[-1]
        self.seen[key] += 1
        self.held[key] += round(float(took.group(1)) * 1000)

    def report(self) -> list[str]:
        """The callbacks that held the loop over 20 ms, most time first."""
        if not self.seen:
            return []
        lines = ["asyncio debug mode: callbacks over 20 ms (count, total ms), most time first:"]
        for key, held in self.held.most_common(TOP):
            lines.append(f"  {self.seen[key]} x, {held} ms: {key}")
        return lines
