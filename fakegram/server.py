"""A local emulation of the Telegram Bot API over HTTP, for the sandbox and end-to-end tests.

The real python-telegram-bot `Application` talks to it through its real HTTPX client:

    async with FakeBotAPI() as api:
        app = ApplicationBuilder().token(api.token).base_url(api.base_url) \\
            .base_file_url(api.base_file_url).build()

Tests play the people (`send_text`, `press_button`, ...), inject faults, and wait on what the bot
does (`wait_for`, `wait_for_message`, `cursor`), all event-driven. State lives in this object, so
the bot may also run in a subprocess pointed at `base_url`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Collection
from types import TracebackType
from typing import Any

import aiohttp
from aiohttp import web

from fakegram import state
from fakegram.calls import CallLog, MessageCursor
from fakegram.faults import Fault, Faults
from fakegram.types import (
    ApiError,
    Call,
    FakeChat,
    FakeUser,
    FaultKind,
    JSONDict,
    UploadedFile,
    decode_param,
)

__all__ = ["Call", "FakeBotAPI", "FakeChat", "FakeUser", "MessageCursor", "UploadedFile"]

_LOGGER = logging.getLogger(__name__)
# Telegram caps long polling at 50 s; the cap also bounds every wait in the server.
_MAX_POLL_SECONDS = 50.0
_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
# What belongs to one server's run on one event loop, not to the emulated Telegram's state.
# A webhook delivery the bot's server did not accept is tried again after this long.
_WEBHOOK_RETRY_SECONDS = 0.2
_BAD_GATEWAY_HTML = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n"
    "</body>\r\n</html>\r\n"
)


class FakeBotAPI(CallLog):
    """The Bot API HTTP server plus the emulated Telegram behind it."""

    def __init__(
        self,
        *,
        token: str = "123456:SANDBOX",
        bot_username: str = "OcuBot",
        bot_id: int = 123456,
        host: str = "127.0.0.1",
        port: int = 0,
        privacy_mode: bool = False,
    ) -> None:
        super().__init__(
            token=token, bot_username=bot_username, bot_id=bot_id, privacy_mode=privacy_mode
        )
        self.host = host
        self._port = port
        self._runner: web.AppRunner | None = None
        self._closing = False
        self._poll_generation = 0
        self._faults = Faults()
        self._handlers: dict[str, tuple[str, Callable[[JSONDict, dict[str, Any]], Any]]] = {
            name[2:].lower(): (name[2:], getattr(self, name))
            for name in dir(self)
            if name.startswith("m_")
        }
        # getUpdates is asynchronous (long polling), so _handle serves it itself.
        self._handlers["getupdates"] = ("getUpdates", self._handlers["getme"][1])
        self._pusher: asyncio.Task[None] | None = None
        # Every webhook delivery: (update id, HTTP status, or 0 when the bot's server was not
        # reached).
        self.webhook_posts: list[tuple[int, int]] = []

    # -- lifecycle ------------------------------------------------------------------------------

    async def start(self) -> None:
        """Start serving on host:port (port 0 picks a free one, kept across restarts)."""
        if self._runner is not None:
            raise RuntimeError("FakeBotAPI is already running")
        # Telegram accepts uploads up to 50 MB; aiohttp's default body limit is 1 MB.
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        # handler_cancellation ends a long poll whose client went away (e.g. PTB stopping).
        runner = web.AppRunner(
            app, handler_cancellation=True, shutdown_timeout=2.0, access_log=None
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self._port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._port = int(runner.addresses[0][1])
        self._closing = False
        self._runner = runner

    async def stop(self) -> None:
        """Answer open long polls with no updates and shut the server down."""
        if self._runner is None:
            return
        self._closing = True
        self._pulse_updates()
        if self._pusher is not None:
            self._pusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pusher
        runner, self._runner = self._runner, None
        await runner.cleanup()

    # -- webhook --------------------------------------------------------------------------------

    def _webhook_changed(self) -> None:
        self._pulse_updates()  # a delivery loop waiting for updates looks again
        if self.webhook is not None and self._pusher is None and self._runner is not None:
            self._pusher = asyncio.get_running_loop().create_task(self._push_updates())

    async def _push_updates(self) -> None:
        """Post pending updates to the webhook, oldest first, one at a time, as JSON.

        As Telegram does: with the secret token in X-Telegram-Bot-Api-Secret-Token, an update
        leaves the queue once the bot's server answered 2xx, and one that was refused or not
        received is posted again after a pause. (Telegram may post several at once, up to the
        webhook's max_connections; one at a time keeps the order plain.)
        """
        timeout = aiohttp.ClientTimeout(total=_MAX_POLL_SECONDS)
        try:
            async with aiohttp.ClientSession(timeout=timeout) as session:
                while self.webhook is not None and not self._closing:
                    woken = self._updates_event
                    ready = [p for p in self._pending if self._is_allowed(p.update)]
                    if not ready:
                        await woken.wait()
                        continue
                    if await self._post_update(session, self.webhook, ready[0].update):
                        self._pending = [p for p in self._pending if p is not ready[0]]
                    else:
                        await asyncio.sleep(_WEBHOOK_RETRY_SECONDS)
        finally:
            self._pusher = None

    async def _post_update(
        self, session: aiohttp.ClientSession, hook: JSONDict, update: JSONDict
    ) -> bool:
        headers = {}
        if hook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = str(hook["secret_token"])
        try:
            async with session.post(str(hook["url"]), json=update, headers=headers) as response:
                status = response.status
        except (aiohttp.ClientError, TimeoutError):
            status = 0
        self.webhook_posts.append((int(update["update_id"]), status))
        return 200 <= status < 300

    async def __aenter__(self) -> FakeBotAPI:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    def saved_state(self) -> bytes:
        """Everything the emulated Telegram holds, pickled (fakegram.state: tests copy a scene)."""
        return state.saved(self)

    def load_state(self, saved: bytes) -> None:
        """Take on a copy of a `saved_state` (before the bot starts polling)."""
        state.load(self, saved)

    @property
    def port(self) -> int:
        """The bound port (0 before the first start when none was given)."""
        return self._port

    @property
    def base_url(self) -> str:
        """The value for PTB's `base_url` (PTB appends the token)."""
        return f"http://{self.host}:{self._require_port()}/bot"

    @property
    def base_file_url(self) -> str:
        """The value for PTB's `base_file_url` (PTB appends the token)."""
        return f"http://{self.host}:{self._require_port()}/file/bot"

    def _require_port(self) -> int:
        if not self._port:
            raise RuntimeError("FakeBotAPI has no port yet: start() it first")
        return self._port

    # -- fault injection ------------------------------------------------------------------------

    def inject_fault(
        self,
        method: str | None,
        kind: FaultKind,
        *,
        times: int = 1,
        retry_after: int = 1,
        delay: float = 0.0,
        chat_id: int | None = None,
    ) -> None:
        """Make the next `times` calls of `method` (None: any but getUpdates) fail as `kind`.

        With `chat_id`, only calls to that chat (one slow group while the others are not).
        """
        self._faults.inject(
            method, kind, times=times, retry_after=retry_after, delay=delay, chat_id=chat_id
        )

    def fault_rate(
        self,
        rate: float,
        kinds: Collection[FaultKind] = ("retry_after", "server_error", "bad_gateway", "drop"),
        *,
        seed: int = 0,
        methods: Collection[str] | None = None,
        retry_after: int = 1,
        delay: float = 0.5,
    ) -> None:
        """Fail each call (of `methods`, default all but getUpdates) with probability `rate`."""
        self._faults.set_rate(
            rate, kinds, seed=seed, methods=methods, retry_after=retry_after, delay=delay
        )

    def clear_faults(self) -> None:
        """Drop pending injected faults and the fault rate."""
        self._faults.clear()

    # -- HTTP -----------------------------------------------------------------------------------

    async def _read_params(self, request: web.Request) -> tuple[JSONDict, dict[str, UploadedFile]]:
        params: JSONDict = {k: decode_param(k, v) for k, v in request.query.items()}
        files: dict[str, UploadedFile] = {}
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                params.update(body)
            return params, files
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                files[name] = UploadedFile(
                    filename=value.filename,
                    content=value.file.read(),
                    content_type=value.content_type,
                )
            elif isinstance(value, str):
                params[name] = decode_param(name, value)
        return params, files

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        try:
            params, files = await self._read_params(request)
        except ValueError:
            return web.json_response(
                ApiError(400, "Bad Request: can't parse request body").payload(), status=400
            )
        raw_method = request.match_info["method"]
        call = Call(method=raw_method, params=params, files=files, at=time.monotonic())
        if request.match_info["token"] != self.token:
            return self._finish(call, ApiError(401, "Unauthorized"))
        known = self._handlers.get(raw_method.lower())
        if known is None:
            self.unknown_calls.append(call)
            _LOGGER.warning("bot called unknown Bot API method %s", raw_method)
            # Telegram's answer, plus the reason; PTB raises InvalidToken/EndPointNotFound on it.
            return self._finish(
                call, ApiError(404, f"Not Found: FakeBotAPI does not emulate {raw_method}")
            )
        call.method, handler = known
        fault = self._faults.take(call.method, params)
        delay = 0.0
        if fault is not None:
            call.fault = fault.kind
            if fault.kind != "slow":
                return self._refuse(request, call, fault)
            delay = min(fault.delay, _MAX_POLL_SECONDS)
        if call.method == "getUpdates":
            return await self._get_updates(call, delay)
        try:
            outcome: Any | ApiError = handler(params, files)
        except ApiError as error:
            outcome = error
        response = self._finish(call, outcome)
        if delay:
            # The call already took effect; only the answer is late, as with a congested API.
            await asyncio.sleep(delay)
        return response

    def _finish(self, call: Call, outcome: Any) -> web.Response:
        """Answer `call` with `outcome` and record it (a call is recorded once answered)."""
        response = self._answer(call, outcome)
        self._record(call)
        return response

    def _answer(self, call: Call, outcome: Any) -> web.Response:
        if isinstance(outcome, ApiError):
            call.status, call.error = outcome.status, outcome.description
            return web.json_response(outcome.payload(), status=outcome.status)
        call.status, call.result = 200, outcome
        return web.json_response({"ok": True, "result": outcome})

    def _refuse(self, request: web.Request, call: Call, fault: Fault) -> web.Response:
        if fault.kind == "retry_after":
            seconds = fault.retry_after
            error = ApiError(
                429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds}
            )
            return self._finish(call, error)
        if fault.kind == "server_error":
            return self._finish(call, ApiError(500, "Internal Server Error"))
        if fault.kind == "bad_gateway":
            # Telegram's front end answers 502 with an HTML page, not JSON.
            call.status, call.error = 502, "Bad Gateway"
            self._record(call)
            return web.Response(status=502, text=_BAD_GATEWAY_HTML, content_type="text/html")
        call.error = "connection dropped"
        self._record(call)
        if request.transport is not None:
            request.transport.abort()
        # The client never sees this: the connection is already gone.
        raise web.HTTPServiceUnavailable()

    async def _get_updates(self, call: Call, delay: float) -> web.Response:
        # Recorded on arrival so a test can wait for "the bot is polling now".
        self._record(call)
        response = self._answer(call, await self._poll(call.params))
        self._pulse_calls()
        if delay:
            # Updates handed out here stay unacknowledged until the next offset, as on Telegram.
            await asyncio.sleep(delay)
        return response

    async def _poll(self, params: JSONDict) -> list[JSONDict] | ApiError:
        """Long-poll: return updates as soon as there are any, else [] after `timeout` s."""
        if self.webhook is not None:
            return ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = min(max(float(params.get("timeout") or 0), 0.0), _MAX_POLL_SECONDS)
        self._poll_generation += 1
        generation = self._poll_generation
        self._pulse_updates()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            event = self._updates_event
            if self._closing:
                return []
            if generation != self._poll_generation:
                return ApiError(409, _CONFLICT)
            updates = self.take_updates(offset, limit, params.get("allowed_updates"))
            remaining = deadline - loop.time()
            if updates or remaining <= 0:
                return updates
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    async def _download(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            raise web.HTTPUnauthorized()
        stored = self.file_at(request.match_info["path"])
        if stored is None:
            raise web.HTTPNotFound()
        return web.Response(body=stored.content, content_type=stored.mime_type)
