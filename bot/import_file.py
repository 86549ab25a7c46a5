"""The exported CSV as the import reads it: opened as UTF-8 CSV, its bytes counted as they go
for the progress bar on stderr."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

_PROGRESS_FROM_BYTES = 1_000_000  # a smaller file shows no bar


class Counting(io.RawIOBase):
    """A binary file that counts what was read from it, for the progress bar."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = self.raw.readinto(buffer)  # type: ignore[attr-defined]
        self.read_bytes += count or 0
        return int(count or 0)


class reading:
    """The file opened for reading as CSV, counting the bytes read."""

    def __init__(self, path: Path):
        self.raw = path.open("rb")

    def __enter__(self) -> tuple[Counting, Iterator[list[str]]]:
        counting = Counting(self.raw)
        text = io.TextIOWrapper(io.BufferedReader(counting), encoding="utf-8-sig", newline="")
        return counting, csv.reader(text)

    def __exit__(self, *exc: object) -> None:
        self.raw.close()


class Progress:
    """A plain-text bar on stderr: redrawn in place on a terminal, a line per tenth otherwise.

    Reading and checking the file is the first half of the bar, writing its reports the second.
    """

    def __init__(self, size: int, stream: IO[str]):
        self.size, self.stream = size, stream
        self.shown = -1
        self.tty = stream.isatty()
        self.enabled = size >= _PROGRESS_FROM_BYTES
        self.offset = 0

    def update(self, done: int, rows: int, *, final: bool = False) -> None:
        if not self.enabled:
            return
        done = (self.offset + done) // 2
        percent = 100 if final else min(99, done * 100 // max(self.size, 1))
        step = percent if self.tty else percent // 10 * 10
        if step == self.shown:
            return
        self.shown = step
        bar = "#" * (percent * 30 // 100)
        line = f"importing [{bar:<30}] {percent:3d}%  {rows:,} rows"
        if self.tty:
            self.stream.write("\r" + line + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
