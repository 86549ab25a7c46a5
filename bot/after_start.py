"""What start-up leaves until the bot is polling: the first getUpdates waits for none of it.

The menus (nine setMyCommands round trips) and the worker process (a fresh interpreter that
loads the chart and file libraries) are not needed to take an update: before, the first
getUpdates waited for both. Now they start once the first getUpdates has gone out, after the
handlers, which the updates wait for, kept in the inbox (bot.handling).
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import ssl
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from telegram.request import BaseRequest, HTTPXRequest

from bot import tls, worker
from bot.context import OcuApplication
from bot.inbox import commands_marked, readable

log = logging.getLogger(__name__)


def connections(read_timeout_s: float = 5.0) -> tuple[HTTPXRequest, PollRequest]:
    """The bot's two connections to the Bot API, PTB's defaults, with one TLS context.

    `read_timeout_s` is how long a call waits for Telegram's answer (PTB's 5 s).

    Each would load the certificate bundle for itself: a tenth of the start-up, twice. `run`
    has it read in a thread beside the imports (bot.tls).
    """
    context = tls.context()
    return (
        SendRequest(
            connection_pool_size=256,
            read_timeout=read_timeout_s,
            httpx_kwargs={"verify": context},
        ),
        PollRequest(context),
    )


# What Telegram returns with a message the bot sent that no code of the bot reads: the message
# it answers, quoted whole (a report's acknowledgement carries the report), the buttons the bot
# itself gave it, and the entities of the HTML it wrote.
_NOT_READ = ("reply_to_message", "reply_markup", "entities", "caption_entities")


class SendRequest(HTTPXRequest):
    """The connection for every call but getUpdates (PTB's defaults for it).

    PTB builds every part of a sent message into objects; for a report's acknowledgement that
    was a second Message (the quoted report), a keyboard and entities, which the bot never
    reads: two thirds of the parsing of its reply (bench/seizure_profile.py). Dropped here, a
    sent message keeps its id, chat, date, text and files.
    """

    def parse_json_payload(self, payload: bytes) -> dict[str, Any]:  # type: ignore[override]
        """PTB's parse, without what the bot does not read of a message it sent."""
        parsed: dict[str, Any] = BaseRequest.parse_json_payload(payload)
        result = parsed.get("result")
        if isinstance(result, dict) and "message_id" in result:
            for key in _NOT_READ:
                result.pop(key, None)
        return parsed


class PollRequest(HTTPXRequest):
    """The long-polling connection (PTB's defaults for it) that tells when it first polled.

    `polled` is set once the first getUpdates is written to the socket (httpcore's trace of
    the request), or at the latest when it is answered or fails (through a proxy, say).
    """

    def __init__(self, tls: ssl.SSLContext) -> None:
        self.polled = asyncio.Event()
        # Awaited before each getUpdates, whose offset tells Telegram the updates before it
        # arrived: the inbox makes them durable first (bot.inbox.InboxQueue.synced).
        self.before_poll: Callable[[], Awaitable[None]] | None = None
        # The updates of the last answer as Telegram sent them, by id, for the inbox to keep
        # (bot.inbox.InboxQueue.put): a tenth of the cost of PTB's to_dict of the parsed update.
        self.bodies: dict[int, str] = {}
        self._first: object = None  # the first update id of the last answer
        super().__init__(connection_pool_size=1, httpx_kwargs={"verify": tls})

    def parse_json_payload(self, payload: bytes) -> dict[str, Any]:  # type: ignore[override]
        """PTB's parse, each update's own JSON kept aside as it came (`bodies`).

        An update this PTB cannot read (a field its Bot API version requires and the server's
        lacks) fails the whole answer, which is not confirmed and so comes again, and again:
        no update after it was ever handled. The same answer seen twice is read one update at a
        time, and what cannot be read is taken as an empty update, so that it is confirmed.
        """
        parsed: dict[str, Any] = BaseRequest.parse_json_payload(payload)
        self.bodies.clear()
        result = parsed.get("result")
        if isinstance(result, list) and result and isinstance(result[0], dict):
            first = result[0].get("update_id")
            if first is not None and first == self._first:
                result[:] = [readable(update) for update in result]
            self._first = first
        if isinstance(result, list):
            result[:] = [commands_marked(u) if isinstance(u, dict) else u for u in result]
            for update in result:
                if isinstance(update, dict) and isinstance(update.get("update_id"), int):
                    self.bodies[update["update_id"]] = json.dumps(update, ensure_ascii=False)
        return parsed

    def _build_client(self) -> httpx.AsyncClient:
        # PTB builds a new client after a shutdown: a new transport with it, as PTB's own.
        kwargs = dict(self._client_kwargs)
        kwargs["transport"] = _TracedTransport(
            self.polled,
            verify=kwargs["verify"],
            limits=kwargs["limits"],
            http1=kwargs["http1"],
            http2=kwargs["http2"],
        )
        return httpx.AsyncClient(**kwargs)

    async def do_request(self, url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Send the call; the first getUpdates sets `polled` once answered, if not before."""
        if self.before_poll is not None and url.endswith("/getUpdates"):
            await self.before_poll()
        try:
            return await super().do_request(url, *args, **kwargs)
        finally:
            if url.endswith("/getUpdates"):
                self.polled.set()


class _TracedTransport(httpx.AsyncHTTPTransport):
    def __init__(self, polled: asyncio.Event, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._polled = polled

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not self._polled.is_set() and request.url.path.endswith("/getUpdates"):
            request.extensions = {**request.extensions, "trace": self._trace}
        return await super().handle_async_request(request)

    async def _trace(self, event: str, info: dict[str, Any]) -> None:
        if event == "http11.send_request_body.complete":
            self._polled.set()


async def publish_menus(app: OcuApplication) -> None:
    """The command menus (handlers.menus), loaded with the handlers."""
    from handlers.menus import publish_menus as publish

    await publish(app)


async def after_first_poll(app: OcuApplication, polled: asyncio.Event | None) -> None:
    """Once the first getUpdates is out (at once for a webhook): handlers, worker, menus."""
    if polled is not None:
        await polled.wait()
    try:
        from bot import handling  # the handlers, the parser, the texts: loaded now (#16)

        await handling.take_updates(app)
    except Exception:
        # Nothing can be handled: the bot stops (its shutdown raises this again), the updates
        # kept for the next run.
        log.critical("could not set up the handlers; stopping", exc_info=True)
        app.stop_running()
        raise
    finally:
        # What start-up made lives as long as the bot: out of the collector's reach, a full
        # collection scans only what came since (it scanned everything: 45 ms of CPU held the
        # loop). `python -m bot` starts with it off (bot.__main__): imports make no garbage.
        gc.freeze()
        gc.enable()
    try:
        worker.warm()  # the worker process boots meanwhile (its jobs import their libraries)
    except Exception:  # the first chart or export starts it again
        log.warning("could not start the worker process", exc_info=True)
    try:
        await publish_menus(app)
    except Exception:  # a menu is a convenience: the bot serves without it
        log.warning("could not publish the command menus", exc_info=True)
    from bot.domain import vocabulary

    # Every country's Korean and Thai names (Babel's) are read with the first place a report
    # names, 0.15 s of CPU: read them now, in a thread, so no officer's report is the one that
    # waits for them. A failure here is met again, and said, by that report.
    try:
        await asyncio.to_thread(vocabulary.country_code, "KR")
    except Exception:
        log.debug("country names not read ahead", exc_info=True)
