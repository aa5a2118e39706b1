"""A stand-in for a running milia server: only ``/api/v1/health`` (serve start-up tests)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import milia


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def health_server(port: int, body: dict[str, str]) -> Iterator[list[float]]:
    """A stand-in server answering ``/api/v1/health`` with ``body``.

    Yields the times requests arrived (taken before each answer is sent).
    """
    answered: list[float] = []

    class Health(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            answered.append(time.monotonic())  # before the answer can reach the client
            data = json.dumps(body).encode()
            self.send_response(200 if self.path == "/api/v1/health" else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Health)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield answered
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


MILIA_HEALTH = {"status": "ok", "version": milia.__version__, "knowledge_version": "k"}
