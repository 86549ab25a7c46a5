"""`python -m bot run` never ends while its certificates' thread is still reading (bot.tls)."""

from __future__ import annotations

import threading

from bot import tls


def test_settle_waits_for_the_certificates_thread() -> None:
    # A fresh clone's CI saw `run` with an unreadable config print its one line and then die of
    # SIGBUS (exit -7 instead of 2): the interpreter ended while OpenSSL read in this thread.
    tls.load_early()
    tls.settle()
    assert not [t for t in threading.enumerate() if t.name == "tls-certificates"]
    tls.context()  # what it read is taken as the bot would take it
