"""The Bot API connections' TLS context, its certificates read in a thread while the bot imports.

Reading the certificate bundle was a tenth of the start-up to the first getUpdates (#16), spent
on one processor while the other waited. OpenSSL reads it without Python's lock, so `run` starts
it first (`load_early`) and the imports of the config, PTB and the handlers go on beside it.
"""

from __future__ import annotations

import os
import ssl
import threading

_lock = threading.Lock()
_early: threading.Thread | None = None
_made: ssl.SSLContext | None = None


def _create() -> ssl.SSLContext:
    # What httpx.create_ssl_context() makes for verify=True, without importing httpx here:
    # SSL_CERT_FILE, else SSL_CERT_DIR, else certifi's bundle (httpx's own dependency).
    if os.environ.get("SSL_CERT_FILE"):
        return ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"])
    if os.environ.get("SSL_CERT_DIR"):
        return ssl.create_default_context(capath=os.environ["SSL_CERT_DIR"])
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


def _load() -> None:
    global _made
    try:
        made = _create()
    except Exception:  # said once, by context() reading it again on the main thread
        return
    with _lock:
        _made = made


def load_early() -> None:
    """Start reading the certificates in a thread; `context()` takes what it made."""
    global _early
    with _lock:
        if _early is not None or _made is not None:
            return
        _early = threading.Thread(target=_load, name="tls-certificates", daemon=True)
        _early.start()


def context() -> ssl.SSLContext:
    """The TLS context: the one `load_early` read, else one read now (a failed thread, or none)."""
    global _early, _made
    with _lock:
        early = _early
    if early is not None:
        early.join()
    with _lock:
        made, _made, _early = _made, None, None
    # Each caller gets its own context, made once: a later bot in this process reads it again.
    return made if made is not None else _create()


def settle() -> None:
    """Wait for the certificates' thread before the process ends: a `run` that stops at once (a
    config error) ended the interpreter while OpenSSL was still reading in that thread, and the
    process died of a signal (SIGBUS, exit -7) after printing its one line, about once in
    thousands of runs in CI."""
    with _lock:
        early = _early
    if early is not None:
        early.join(timeout=10)
