"""Tell the user the address of ``milia serve`` once the server accepts connections.

uvicorn binds the port in the supervisor, but a worker listens on it only after it has
built the app and loaded the model (tens of seconds on a busy 2-core machine), so an
address printed before ``uvicorn.run`` is "connection refused" for that long (QA F6-18).
:class:`ReadyAnnouncer` probes ``/api/v1/health`` from a background thread and prints
the address when the first answer arrives.
"""

from __future__ import annotations

import errno
import json
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Callable

import milia

__all__ = ["ReadyAnnouncer", "answers", "check_port_free", "probe_host", "shown_host"]

#: Path of the readiness probe (the API's liveness route: no database, no sign-in).
HEALTH_PATH = "/api/v1/health"

#: Probes go straight to the server, never through an ``http_proxy`` of the environment.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def shown_host(host: str) -> str:
    """The host to print in a URL: loopback for "every address", IPv6 in brackets.

    Parameters
    ----------
    host : str
        The address ``milia serve`` listens on.

    Returns
    -------
    str
        ``127.0.0.1`` for ``0.0.0.0`` or ``::``; an IPv6 address in brackets.
    """
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    return f"[{shown}]" if ":" in shown else shown


def probe_host(host: str) -> str:
    """The host to connect to when probing a server listening on ``host``.

    Parameters
    ----------
    host : str
        The address the server listens on.

    Returns
    -------
    str
        ``127.0.0.1`` for ``0.0.0.0``, ``[::1]`` for ``::``, an IPv6 address in
        brackets, else ``host``.
    """
    if host == "0.0.0.0":
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def answers(host: str, port: int, *, timeout: float = 0.5) -> bool:
    """Whether something already accepts TCP connections on ``host``:``port``.

    Parameters
    ----------
    host : str
        Address as given to ``milia serve`` (``0.0.0.0`` and ``::`` probe loopback).
    port : int
        TCP port.
    timeout : float
        Seconds to wait for the connection.
    """
    target = probe_host(host).strip("[]")
    try:
        with socket.create_connection((target, port), timeout=timeout):
            return True
    except OSError:
        return False


def check_port_free(host: str, port: int) -> None:
    """Refuse, in words, a port another program listens on (QA F11-17).

    Binds ``host``:``port`` as uvicorn will (``SO_REUSEADDR``, so a socket left in
    TIME_WAIT by a server just stopped does not count) and lets it go at once.

    Parameters
    ----------
    host : str
        Address as given to ``milia serve``.
    port : int
        TCP port.

    Raises
    ------
    ConfigError
        Field ``port``, when the port is in use: "port 8731 is in use (another milia
        serve?); stop it or choose another with --port 8732". Any other failure to
        bind (an address this machine does not have) is left to uvicorn.
    """
    from milia.errors import ConfigError

    try:
        infos = socket.getaddrinfo(
            host.strip("[]") or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except OSError:
        return
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                return
            other = port + 1 if port < 65535 else port - 1
            raise ConfigError(
                f"port {port} is in use (another milia serve?); stop it or choose another "
                f"with --port {other}",
                field="port",
            ) from None


class ReadyAnnouncer:
    """Print ``message`` once ``GET <base_url>/api/v1/health`` answers as milia.

    Parameters
    ----------
    base_url : str
        ``http://host:port`` to probe.
    message : str
        The line printed when the server is ready.
    echo : callable
        Prints one line (``typer.echo`` in the CLI).
    interval : float
        Seconds between probes.

    The probe runs in a daemon thread, so it never keeps the process alive; an answer
    only counts if it is milia's health document of this version (another program on
    the port does not make milia "ready").
    """

    def __init__(
        self,
        base_url: str,
        message: str,
        *,
        echo: Callable[[str], object],
        interval: float = 0.2,
    ) -> None:
        self.url = base_url.rstrip("/") + HEALTH_PATH
        self.message = message
        self.echo = echo
        self.interval = interval
        self.announced = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="milia-ready", daemon=True)

    def start(self) -> ReadyAnnouncer:
        """Start probing in the background; returns ``self``."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop probing (nothing is printed afterwards); safe to call twice."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def ready(self) -> bool:
        """One probe: the server answered its health route as this milia."""
        try:
            with _DIRECT.open(self.url, timeout=1) as response:
                if response.status != 200:
                    return False
                body = json.loads(response.read(4096))
        except (OSError, urllib.error.URLError, ValueError):
            return False
        return (
            isinstance(body, dict)
            and body.get("status") == "ok"
            and body.get("version") == milia.__version__
        )

    def _run(self) -> None:
        while not self._stop.is_set():
            if self.ready():
                if not self._stop.is_set():
                    self.echo(self.message)
                    self.announced.set()
                return
            self._stop.wait(self.interval)
