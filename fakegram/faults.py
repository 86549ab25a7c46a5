"""The faults a test asks for: which Bot API calls fail next, how, and at what rate.

FakeBotAPI asks `take` before it serves each call; the answer decides whether the call is
refused (429, 500, a 502 page, a dropped connection) or only answered late ("slow").
"""

from __future__ import annotations

import random
from collections.abc import Collection
from dataclasses import dataclass

from fakegram.types import FAULT_KINDS, FaultKind, JSONDict


@dataclass
class Fault:
    """One injected fault: the method it hits (None: any but getUpdates) and how often."""

    method: str | None
    kind: FaultKind
    times: int
    retry_after: int
    delay: float
    chat_id: int | None = None


@dataclass
class _FaultRate:
    rate: float
    kinds: tuple[FaultKind, ...]
    rng: random.Random
    methods: frozenset[str] | None
    retry_after: int
    delay: float


class Faults:
    """The injected faults still to come, and the seeded rate of random ones."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._rate: _FaultRate | None = None

    def inject(
        self,
        method: str | None,
        kind: FaultKind,
        *,
        times: int = 1,
        retry_after: int = 1,
        delay: float = 0.0,
        chat_id: int | None = None,
    ) -> None:
        """Make the next `times` calls of `method` (None: any but getUpdates) fail as `kind`."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}")
        if times < 1:
            raise ValueError("times must be at least 1")
        self._faults.append(Fault(method, kind, times, retry_after, delay, chat_id))

    def set_rate(
        self,
        rate: float,
        kinds: Collection[FaultKind],
        *,
        seed: int,
        methods: Collection[str] | None,
        retry_after: int,
        delay: float,
    ) -> None:
        """Fail each call (of `methods`, default all but getUpdates) with probability `rate`."""
        if rate <= 0:
            self._rate = None
            return
        if not set(kinds) <= set(FAULT_KINDS) or not kinds:
            raise ValueError(f"kinds must be a non-empty subset of {FAULT_KINDS}")
        self._rate = _FaultRate(
            rate=min(rate, 1.0),
            kinds=tuple(kinds),
            rng=random.Random(seed),
            methods=frozenset(methods) if methods is not None else None,
            retry_after=retry_after,
            delay=delay,
        )

    def clear(self) -> None:
        """Drop pending injected faults and the fault rate."""
        self._faults.clear()
        self._rate = None

    def take(self, method: str, params: JSONDict | None = None) -> Fault | None:
        """The fault this call meets, if any; an injected one is used up by it."""
        for fault in self._faults:
            matches = fault.method == method or (fault.method is None and method != "getUpdates")
            if fault.chat_id is not None:
                matches = matches and str((params or {}).get("chat_id")) == str(fault.chat_id)
            if matches:
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                return fault
        rate = self._rate
        if rate is None:
            return None
        eligible = method in rate.methods if rate.methods is not None else method != "getUpdates"
        if eligible and rate.rng.random() < rate.rate:
            kind = rate.rng.choice(rate.kinds)
            return Fault(method, kind, 1, rate.retry_after, rate.delay)
        return None
