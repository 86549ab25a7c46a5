"""How many examples a property tries: every one, or a fifth of them in the quick loop."""

from __future__ import annotations

import os

# `dev.py test --quick` sets OCU_QUICK=1: the properties were 60-100 s of the quick loop's
# processor time, and a failure found once is replayed first from .hypothesis/ anyway. The full
# run (`dev.py test`, CI) tries every example.
QUICK = os.environ.get("OCU_QUICK") == "1"


def examples(full: int) -> int:
    """The property's own count in a full run; a fifth of it, at least 10, in the quick loop."""
    return max(10, full // 5) if QUICK else full
