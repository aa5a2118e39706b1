"""Throughput and p99 latency of ``POST /api/v1/assessments`` beside ``GET /api/v1/health``.

Starts ``milia serve`` (as a user would: ``python -m milia serve``, SQLite in a
temporary folder) on a free loopback port, one server per configuration compared,
then drives it with 50 concurrent clients (50 keep-alive connections, one request in
flight on each) for a bounded number of requests per endpoint. The load generator
(``bench/api_client.py``) runs in a separate process and is cheap (a raw asyncio
protocol on uvloop: a few tens of microseconds per request), so it does not starve
the server; its CPU time per request is printed beside the server's. Configurations
and endpoints are interleaved in rounds so that all see the same machine noise.
Prints requests/s and latency percentiles for each, the throughput ratio, and
whether the targets are met by ``milia serve`` with its defaults:
assessments >= 50 % of health's throughput, p99 <= 100 ms.

Configurations (``--stacks``, comma-separated):

- ``serve``: ``milia serve`` with its defaults (uvloop + httptools from
  ``uvicorn[standard]``, one worker per CPU);
- ``serve1``, ``serve2``: ``milia serve --workers 1`` / ``--workers 2``;
- ``h11``: the same app, one process, on uvicorn's pure-Python stack (asyncio loop,
  h11 parser), i.e. plain ``uvicorn`` without the ``[standard]`` extras;
- ``before``: ``milia serve`` with its defaults from another source tree given by
  ``--baseline DIR`` (its ``src`` first on ``PYTHONPATH``; e.g. ``git archive
  <commit> | tar -x -C DIR``), to compare a change side by side in the same run.

    .venv/bin/python bench/api.py [--requests 3000] [--clients 50] [--rounds 3]
                                  [--stacks serve,serve1] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from api_client import DriveResult, drive, encode_requests


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
    "serve1": ["-m", "milia", "serve", "--workers", "1", "--port", "{port}"],
    "serve2": ["-m", "milia", "serve", "--workers", "2", "--port", "{port}"],
    "h11": ["-c", _PINNED_STACK, "{port}", "asyncio", "h11"],
    "before": ["-m", "milia", "serve", "--port", "{port}"],
}


def _start(
    stack: str, tmp: Path, *, baseline: Path | None = None
) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    # As the README's first command runs it: the default (development) settings.
    env = {k: v for k, v in os.environ.items() if not k.startswith("MILIA_")}
    env["MILIA_DATA_DIR"] = str(tmp / stack)
    if stack == "before":
        assert baseline is not None
        env["PYTHONPATH"] = os.pathsep.join(
            [str(baseline / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
        )
    argv = [sys.executable, *(a.replace("{port}", str(port)) for a in STACKS[stack])]
    log = (tmp / f"{stack}.log").open("wb")
    server = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return server, port
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
        "--stacks", default="serve,serve1", help=f"comma-separated: {', '.join(STACKS)}"
    )
    parser.add_argument(
        "--baseline", type=Path, help="source tree served as the 'before' stack (adds it)"
    )
    args = parser.parse_args()
    stacks = [name.strip() for name in args.stacks.split(",") if name.strip()]
    if not stacks or any(name not in STACKS for name in stacks):
        parser.error(f"--stacks takes names from {', '.join(STACKS)}")
    if args.baseline is not None:
        if not (args.baseline / "src" / "milia" / "__init__.py").is_file():
            parser.error(f"--baseline {args.baseline}: no src/milia/__init__.py there")
        args.baseline = args.baseline.resolve()
        if "before" not in stacks:
            stacks.append("before")
    elif "before" in stacks:
        parser.error("the 'before' stack needs --baseline DIR")

    endpoints = (
        ("health", "GET", "/api/v1/health"),
        ("assessments", "POST", "/api/v1/assessments"),
    )
    cases = _cases(500)
    results: dict[tuple[str, str], DriveResult] = {
        (st, ep): DriveResult(0.0, [], 0, 0.0) for st in stacks for ep, _, _ in endpoints
    }
    server_cpu = dict.fromkeys(results, 0.0)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp, ProcessPoolExecutor(max_workers=1) as client:
        servers: dict[str, tuple[subprocess.Popen[bytes], int]] = {}
        requests: dict[tuple[str, str], list[bytes]] = {}
        try:
            for stack in stacks:
                servers[stack] = _start(stack, Path(tmp), baseline=args.baseline)
                port = servers[stack][1]
                for name, method, path in endpoints:
                    payload = cases if method == "POST" else None
                    requests[stack, name] = encode_requests(
                        "127.0.0.1", port, method, path, payload
                    )
                # Warm-up (every worker loads the model; the client process starts).
                warm = client.submit(drive, "127.0.0.1", port, requests[stack, "assessments"],
                                     400, args.clients).result()  # fmt: skip
                if warm.errors:
                    raise SystemExit(f"the {stack} server answered {warm.errors} errors in warm-up")
                for body in warm.samples:  # the answers are real assessments
                    assert "differential" in json.loads(body), body[:200]
            for _ in range(args.rounds):
                for stack in stacks:
                    server, port = servers[stack]
                    for name, _, _ in endpoints:
                        cpu_before = _cpu_seconds(server.pid)
                        got = client.submit(drive, "127.0.0.1", port, requests[stack, name],
                                            args.requests, args.clients).result()  # fmt: skip
                        server_cpu[stack, name] += _cpu_seconds(server.pid) - cpu_before
                        total = results[stack, name]
                        results[stack, name] = DriveResult(
                            total.elapsed + got.elapsed, total.latencies + got.latencies,
                            total.errors + got.errors, total.client_cpu + got.client_cpu,
                        )  # fmt: skip
        finally:
            for server, _ in servers.values():
                server.terminate()
                server.wait(timeout=15)

    print(f"{args.clients} concurrent clients, {args.rounds} rounds x {args.requests} requests "
          f"per endpoint and configuration, loopback, {os.cpu_count()} CPU(s) shared by server "
          f"and client; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after; "
          f"milia serve runs {_uvicorn_stack()}")  # fmt: skip
    print(f"{'stack':<8}{'endpoint':<27}{'req/s':>8}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}"
          f"{'errors':>7}{'server CPU ms/req':>19}{'client CPU ms/req':>19}")  # fmt: skip
    rps: dict[tuple[str, str], float] = {}
    p99: dict[tuple[str, str], float] = {}
    cpu: dict[tuple[str, str], float] = {}
    for (stack, name), got in results.items():
        lat = got.latencies
        rps[stack, name] = len(lat) / got.elapsed
        p99[stack, name] = _pct(lat, 0.99) * 1000
        cpu[stack, name] = server_cpu[stack, name] / max(1, len(lat)) * 1000
        label = "GET /api/v1/health" if name == "health" else "POST /api/v1/assessments"
        print(f"{stack:<8}{label:<27}{rps[stack, name]:>8.0f}{_pct(lat, 0.5) * 1000:>9.1f}"
              f"{_pct(lat, 0.9) * 1000:>9.1f}{p99[stack, name]:>9.1f}{got.errors:>7}"
              f"{cpu[stack, name]:>19.2f}{got.client_cpu / max(1, len(lat)) * 1000:>19.3f}")  # fmt: skip
    for stack in stacks:
        ratio = rps[stack, "assessments"] / rps[stack, "health"]
        cpu_ratio = (
            cpu[stack, "health"] / cpu[stack, "assessments"] if cpu[stack, "assessments"] else 0
        )
        print(f"{stack:<8}throughput ratio assessments/health = {ratio:.2f}; server-bound "
              f"(health CPU / assessments CPU per request) = {cpu_ratio:.2f}")  # fmt: skip
    shipped = "serve" if "serve" in stacks else stacks[0]
    if "before" in stacks and shipped != "before":
        a, b = (shipped, "assessments"), ("before", "assessments")
        print(f"[{shipped} / before] assessments req/s x {rps[a] / rps[b]:.2f}, p99 x "
              f"{p99[a] / p99[b]:.2f}, server CPU per assessment x "
              f"{cpu[a] / cpu[b] if cpu[b] else 0:.2f}; health req/s x "
              f"{rps[shipped, 'health'] / rps['before', 'health']:.2f}")  # fmt: skip
    ratio = rps[shipped, "assessments"] / rps[shipped, "health"]
    ok_ratio, ok_p99 = ratio >= 0.5, p99[shipped, "assessments"] <= 100
    print(f"[{shipped}] throughput ratio assessments/health = {ratio:.2f} (target >= 0.50: "
          f"{'met' if ok_ratio else 'NOT met'})")  # fmt: skip
    print(f"[{shipped}] assessments p99 = {p99[shipped, 'assessments']:.1f} ms (target <= 100 ms: "
          f"{'met' if ok_p99 else 'NOT met'})")  # fmt: skip
    return 0 if ok_ratio and ok_p99 else 1


if __name__ == "__main__":
    raise SystemExit(main())
