"""A local webhook receiver: records (and prints) every call and checks its `X-Hook-Signature`.

Used by `nautobot-server webhook_receiver` and by the tests, which script its answers (status codes,
or "hang" to never answer).
"""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from nautobot.extras.webhooks.delivery import sign


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    signature_ok: bool | None  # None: no secret to check against
    at: float = field(default_factory=time.time)

    def json(self):
        return json.loads(self.body)


class WebhookReceiver:
    """An HTTP server on `host:port` (0: any free port) in a thread, answering with `responses` in turn (then 200):
    a status, `(status, body)` or "hang"."""

    def __init__(
        self, host: str = "127.0.0.1", port: int = 0, *, secret: str = "", responses: list | None = None, echo=None
    ) -> None:
        self.secret = secret
        self.responses = list(responses or [])
        self.received: list[Received] = []
        self.echo = echo
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.server = ThreadingHTTPServer((host, port), self._handler())
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> "WebhookReceiver":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stopping.set()
        self.server.shutdown()
        self.server.server_close()

    def serve_forever(self) -> None:
        self.server.serve_forever()

    def wait_for(self, count: int, timeout: float = 30.0) -> list[Received]:
        """Wait until `count` calls arrived (AssertionError after `timeout` seconds) and return them all."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.received) >= count:
                    return list(self.received)
            time.sleep(0.05)
        raise AssertionError(f"expected {count} webhook calls within {timeout}s, got {len(self.received)}")

    def _answer(self) -> int | str:
        with self._lock:
            return self.responses.pop(0) if self.responses else 200

    def _record(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        signature = handler.headers.get("X-Hook-Signature")
        ok = None if not self.secret else signature == sign(body, self.secret)
        item = Received(handler.command, handler.path, dict(handler.headers.items()), body, ok)
        with self._lock:
            self.received.append(item)
        if self.echo is not None:
            self.echo(item)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                receiver._record(self)
                answer = receiver._answer()
                if answer == "hang":
                    receiver._stopping.wait(600)
                    return
                status, body = answer if isinstance(answer, tuple) else (answer, "ok")  # (status, body) scripts both
                data = str(body).encode()
                self.send_response(int(status))
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

            def log_message(self, format, *args) -> None:  # quiet: the receiver reports through `echo`
                pass

        return Handler
