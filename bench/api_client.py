"""A low-overhead HTTP/1.1 load generator for ``bench/api.py`` (runs in its own process).

Each virtual user is one keep-alive TCP connection driven by an asyncio
``Protocol``: the requests are encoded once, before timing; an answer is read by its
``Content-Length`` and only its status line is checked while timing (a sample of
bodies is parsed as JSON afterwards). On uvloop when installed. This costs the
client a few tens of microseconds per request, against about a millisecond for an
``httpx.AsyncClient`` request, so the client does not starve the server it measures;
its own CPU time is reported beside the server's.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

__all__ = ["DriveResult", "drive", "encode_requests"]


@dataclass
class DriveResult:
    """What one run of the load generator measured."""

    elapsed: float  #: wall time from the first request to the last answer, s
    latencies: list[float]  #: per request, s (answers with any status)
    errors: int  #: non-200 answers and broken connections
    client_cpu: float  #: the load generator's CPU time during the run, s
    samples: list[bytes] = field(default_factory=list)  #: a few answer bodies


def encode_requests(
    host: str, port: int, method: str, path: str, bodies: list[dict[str, Any]] | None
) -> list[bytes]:
    """Encode the requests once (keep-alive, JSON bodies), before any timing."""
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: application/json\r\n"
    if not bodies:
        return [(head + "\r\n").encode()]
    out = []
    for body in bodies:
        raw = json.dumps(body, separators=(",", ":")).encode()
        out.append(
            (
                head + f"Content-Type: application/json\r\nContent-Length: {len(raw)}\r\n\r\n"
            ).encode()
            + raw
        )
    return out


class _User(asyncio.Protocol):
    """One virtual user: send, wait for the whole answer, record, send the next."""

    def __init__(self, run: _Run) -> None:
        self.run = run
        self.transport: Any = None  # an asyncio.Transport (uvloop's is not a subclass)
        self.buffer = bytearray()
        self.expected = -1  # total length of the current answer, once its head is read
        self.status = b""
        self.body_start = 0
        self.started = 0.0
        self.connected: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport
        self.connected.set_result(None)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.closed and self.expected != -2:
            self.closed = True
            self.run.errors += 1
            self.run.user_done()

    def send_next(self) -> None:
        i = self.run.next_index()
        if i is None:
            self.expected = -2  # done
            assert self.transport is not None
            self.transport.close()
            self.run.user_done()
            return
        self.buffer.clear()
        self.expected = -1
        self.started = time.perf_counter()
        assert self.transport is not None
        self.transport.write(self.run.requests[i % len(self.run.requests)])

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if self.expected == -1:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buffer[:end]).lower()
            self.status = head[9:12]
            at = head.find(b"content-length:")
            length = int(head[at + 15 : head.index(b"\r\n", at)]) if at >= 0 else 0
            self.body_start = end + 4
            self.expected = end + 4 + length
        if len(self.buffer) >= self.expected:
            run = self.run
            run.latencies.append(time.perf_counter() - self.started)
            if self.status != b"200":
                run.errors += 1
            if len(run.samples) < 5 and len(run.latencies) % 97 == 0:
                run.samples.append(bytes(self.buffer[self.body_start : self.expected]))
            self.send_next()


class _Run:
    def __init__(self, requests: list[bytes], total: int, users: int) -> None:
        self.requests = requests
        self.total = total
        self.issued = 0
        self.latencies: list[float] = []
        self.errors = 0
        self.samples: list[bytes] = []
        self.remaining = users
        self.done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def next_index(self) -> int | None:
        if self.issued >= self.total:
            return None
        self.issued += 1
        return self.issued - 1

    def user_done(self) -> None:
        self.remaining -= 1
        if self.remaining == 0 and not self.done.done():
            self.done.set_result(None)


async def _drive(
    host: str, port: int, requests: list[bytes], total: int, users: int
) -> DriveResult:
    loop = asyncio.get_running_loop()
    run = _Run(requests, total, users)
    protocols = []
    for _ in range(users):  # connect first (untimed): keep-alive traffic, not TCP set-up
        _, protocol = await loop.create_connection(lambda: _User(run), host, port)
        await protocol.connected
        protocols.append(protocol)
    cpu = time.process_time()
    began = time.perf_counter()
    for protocol in protocols:
        protocol.send_next()
    await asyncio.wait_for(run.done, timeout=600)
    elapsed = time.perf_counter() - began
    return DriveResult(elapsed, run.latencies, run.errors, time.process_time() - cpu, run.samples)


def drive(host: str, port: int, requests: list[bytes], total: int, users: int) -> DriveResult:
    """Send ``total`` requests over ``users`` keep-alive connections; return the figures.

    Parameters
    ----------
    host, port : str, int
        The server (loopback only).
    requests : list of bytes
        Encoded requests (:func:`encode_requests`), used in turn.
    total : int
        Requests to send, in all.
    users : int
        Concurrent connections, each with one request in flight.
    """
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvicorn[standard] brings it
        return asyncio.run(_drive(host, port, requests, total, users))
    return uvloop.run(_drive(host, port, requests, total, users))
