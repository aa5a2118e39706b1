"""Throughput and p99 latency of ``POST /api/v1/assessments`` beside ``GET /api/v1/health``.

Starts the app on free loopback ports (SQLite in a temporary folder), one server per
HTTP stack compared, then drives them with 50 concurrent clients (httpx.AsyncClient,
one keep-alive connection each) for a bounded number of requests per endpoint;
stacks and endpoints are interleaved in rounds so that all see the same machine
noise. Prints requests/s and latency percentiles for each, the throughput ratio, and
whether the targets are met on the stack ``milia serve`` runs:
assessments >= 50 % of health's throughput, p99 <= 100 ms.

Stacks (``--stacks``, comma-separated):

- ``serve``: ``milia serve`` as shipped (uvicorn picks uvloop and httptools when
  ``uvicorn[standard]`` is installed, as the ``web`` extra does);
- ``h11``: the same app on uvicorn's pure-Python stack (asyncio loop, h11 parser),
  i.e. plain ``uvicorn`` without the ``[standard]`` extras;
- ``serve2``: ``milia serve --workers 2``.

    .venv/bin/python bench/api.py [--requests 3000] [--clients 50] [--rounds 3]
                                  [--stacks serve,h11]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cases(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """Varied, valid cases (so no cache can answer them all)."""
    rng = random.Random(seed)
    colors = ["white", "yellow", "skin_colored", "pearly_translucent", "red", "pink"]
    sites = ["eyelids", "cheeks", "nose", "forehead", "chin", "neck", "chest", "arms"]
    surfaces = ["smooth_dome", "umbilicated", "central_pore", "flat_topped", "rough"]
    out = []
    for _ in range(n):
        case: dict[str, Any] = {"color": rng.choice(colors),
                                "sites": sorted(rng.sample(sites, rng.randint(1, 3)))}  # fmt: skip
        if rng.random() < 0.2:
            case["age_days"] = rng.randint(0, 60)
        else:
            case["age_years"] = rng.randint(1, 90)
        if rng.random() < 0.7:
            case["diameter_mm"] = round(rng.uniform(0.5, 6), 1)
        if rng.random() < 0.6:
            case["surface"] = rng.choice(surfaces)
        if rng.random() < 0.5:
            case["inflamed"] = rng.random() < 0.3
        if rng.random() < 0.4:  # never longer than the person has been alive
            alive_weeks = case["age_days"] // 7 if "age_days" in case else case["age_years"] * 52
            case["duration_weeks"] = rng.randint(0, min(200, alive_weeks))
        out.append(case)
    return out


async def _drive(base: str, method: str, path: str, bodies: list[dict[str, Any]] | None,
                 total: int, clients: int) -> tuple[float, list[float], int]:  # fmt: skip
    """``clients`` concurrent clients, each its own AsyncClient with one keep-alive
    connection (one shared pool of 50 costs the client more CPU than the server)."""
    counter = itertools.count()
    latencies: list[float] = []
    errors = 0

    ready = 0
    go = asyncio.Event()

    async def worker() -> None:
        nonlocal errors, ready
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            # Connect first (untimed): the figures are for keep-alive traffic, not TCP set-up.
            try:
                await client.get("/api/v1/health")
            except httpx.TransportError:
                errors += 1
            ready += 1
            if ready == clients:
                go.set()
            await go.wait()
            while (i := next(counter)) < total:
                start = time.perf_counter()
                try:
                    if bodies is None:
                        answer = await client.request(method, path)
                    else:
                        answer = await client.request(method, path, json=bodies[i % len(bodies)])
                except httpx.TransportError:
                    errors += 1  # counted, and left out of the latencies
                    continue
                latencies.append(time.perf_counter() - start)
                if answer.status_code != 200:
                    errors += 1

    tasks = [asyncio.create_task(worker()) for _ in range(clients)]
    await go.wait()
    began = time.perf_counter()
    await asyncio.gather(*tasks)
    return time.perf_counter() - began, latencies, errors


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = [
            int(child)
            for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()
        ]
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(_cpu_seconds(child) for child in children)


#: The app on uvicorn with an explicit event loop and HTTP parser (as ``milia serve`` runs it).
_PINNED_STACK = """
import sys, uvicorn
from milia.api.app import create_app
from milia.config import Settings
settings = Settings()
settings.data_dir.mkdir(parents=True, exist_ok=True)
uvicorn.run(create_app(settings), host="127.0.0.1", port=int(sys.argv[1]), loop=sys.argv[2],
            http=sys.argv[3], log_level="warning", access_log=False)
"""

STACKS = {
    "serve": ["-m", "milia", "serve", "--port", "{port}"],
    "h11": ["-c", _PINNED_STACK, "{port}", "asyncio", "h11"],
    "serve2": ["-m", "milia", "serve", "--workers", "2", "--port", "{port}"],
}


def _start(stack: str, tmp: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MILIA_")}
    env.update(MILIA_DATA_DIR=str(tmp / stack), MILIA_ENVIRONMENT="test",
               MILIA_SECRET_KEY="bench-" + "b" * 40)  # fmt: skip
    argv = [sys.executable, *(a.replace("{port}", str(port)) for a in STACKS[stack])]
    server = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return server, base
        except httpx.HTTPError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise SystemExit(f"the {stack} server did not start") from None
            time.sleep(0.2)


def _uvicorn_stack() -> str:
    try:
        import httptools  # noqa: F401
        import uvloop  # noqa: F401
    except ImportError:
        return "asyncio + h11 (uvicorn[standard] not installed)"
    return "uvloop + httptools"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="per endpoint and round")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--stacks", default="serve,h11", help=f"comma-separated: {', '.join(STACKS)}"
    )
    args = parser.parse_args()
    stacks = [name.strip() for name in args.stacks.split(",") if name.strip()]
    if not stacks or any(name not in STACKS for name in stacks):
        parser.error(f"--stacks takes names from {', '.join(STACKS)}")

    endpoints = (
        ("health", "GET", "/api/v1/health"),
        ("assessments", "POST", "/api/v1/assessments"),
    )
    bodies = _cases(500)
    results: dict[tuple[str, str], tuple[float, list[float], int]] = {
        (st, ep): (0.0, [], 0) for st in stacks for ep, _, _ in endpoints
    }
    server_cpu = dict.fromkeys(results, 0.0)
    with tempfile.TemporaryDirectory() as tmp:
        servers: dict[str, tuple[subprocess.Popen[bytes], str]] = {}
        try:
            for stack in stacks:
                servers[stack] = _start(stack, Path(tmp))
                # Warm-up: load the model and the knowledge base, open connections.
                asyncio.run(_drive(servers[stack][1], "POST", "/api/v1/assessments", bodies,
                                   200, args.clients))  # fmt: skip
            for _ in range(args.rounds):
                for stack in stacks:
                    server, base = servers[stack]
                    for name, method, path in endpoints:
                        payload = bodies if method == "POST" else None
                        cpu_before = _cpu_seconds(server.pid)
                        elapsed, lat, err = asyncio.run(
                            _drive(base, method, path, payload, args.requests, args.clients)
                        )
                        server_cpu[stack, name] += _cpu_seconds(server.pid) - cpu_before
                        total_elapsed, total_lat, total_err = results[stack, name]
                        results[stack, name] = (total_elapsed + elapsed, total_lat + lat,
                                                total_err + err)  # fmt: skip
        finally:
            for server, _ in servers.values():
                server.terminate()
                server.wait(timeout=15)

    print(f"{args.clients} concurrent clients, {args.rounds} rounds x {args.requests} requests "
          f"per endpoint and stack, loopback, {os.cpu_count()} CPU(s) shared with the client; "
          f"load average before {os.getloadavg()[0]:.1f}; milia serve runs {_uvicorn_stack()}")  # fmt: skip
    print(f"{'stack':<8}{'endpoint':<27}{'req/s':>8}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}"
          f"{'errors':>7}{'server CPU ms/req':>19}")  # fmt: skip
    rps: dict[tuple[str, str], float] = {}
    p99: dict[tuple[str, str], float] = {}
    cpu: dict[tuple[str, str], float] = {}
    for (stack, name), (elapsed, lat, err) in results.items():
        rps[stack, name] = len(lat) / elapsed
        p99[stack, name] = _pct(lat, 0.99) * 1000
        cpu[stack, name] = server_cpu[stack, name] / max(1, len(lat)) * 1000
        label = "GET /api/v1/health" if name == "health" else "POST /api/v1/assessments"
        print(f"{stack:<8}{label:<27}{rps[stack, name]:>8.0f}{_pct(lat, 0.5) * 1000:>9.1f}"
              f"{_pct(lat, 0.9) * 1000:>9.1f}{p99[stack, name]:>9.1f}{err:>7}"
              f"{cpu[stack, name]:>19.2f}")  # fmt: skip
    for stack in stacks:
        ratio = rps[stack, "assessments"] / rps[stack, "health"]
        cpu_ratio = (
            cpu[stack, "health"] / cpu[stack, "assessments"] if cpu[stack, "assessments"] else 0
        )
        print(f"{stack:<8}throughput ratio assessments/health = {ratio:.2f}; server-bound "
              f"(health CPU / assessments CPU per request) = {cpu_ratio:.2f}")  # fmt: skip
    if "serve" in stacks and len(stacks) > 1:
        for other in stacks:
            if other != "serve":
                print(f"serve vs {other}: assessments req/s x{rps['serve', 'assessments'] / rps[other, 'assessments']:.2f}, "
                      f"p99 x{p99['serve', 'assessments'] / p99[other, 'assessments']:.2f}, "
                      f"server CPU/req x{cpu['serve', 'assessments'] / cpu[other, 'assessments']:.2f}")  # fmt: skip
    shipped = "serve" if "serve" in stacks else stacks[0]
    ratio = rps[shipped, "assessments"] / rps[shipped, "health"]
    ok_ratio, ok_p99 = ratio >= 0.5, p99[shipped, "assessments"] <= 100
    print(f"[{shipped}] throughput ratio assessments/health = {ratio:.2f} (target >= 0.50: "
          f"{'met' if ok_ratio else 'NOT met'})")  # fmt: skip
    print(f"[{shipped}] assessments p99 = {p99[shipped, 'assessments']:.1f} ms (target <= 100 ms: "
          f"{'met' if ok_p99 else 'NOT met'})")  # fmt: skip
    return 0 if ok_ratio and ok_p99 else 1


if __name__ == "__main__":
    raise SystemExit(main())
