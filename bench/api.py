"""Throughput and p99 latency of ``POST /api/v1/assessments`` beside ``GET /api/v1/health``.

Starts ``milia serve`` (uvicorn, SQLite in a temporary folder) on a free loopback
port, then drives it with 50 concurrent clients (httpx.AsyncClient) for a bounded
number of requests per endpoint, health and assessments interleaved in rounds so
that both see the same machine noise. Prints requests/s and latency percentiles
for each, the throughput ratio, and whether the targets are met:
assessments >= 50 % of health's throughput, p99 <= 100 ms.

    .venv/bin/python bench/api.py [--requests 3000] [--clients 50] [--rounds 3]
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
    """User + system CPU time of a process (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="per endpoint and round")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MILIA_")}
        env.update(MILIA_DATA_DIR=str(Path(tmp) / "data"), MILIA_ENVIRONMENT="test",
                   MILIA_SECRET_KEY="bench-" + "b" * 40)  # fmt: skip
        server = subprocess.Popen([sys.executable, "-m", "milia", "serve", "--port", str(port)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit("milia serve did not start") from None
                    time.sleep(0.2)
            bodies = _cases(500)
            # Warm-up: load the model and the knowledge base, open connections.
            asyncio.run(_drive(base, "POST", "/api/v1/assessments", bodies, 200, args.clients))
            results: dict[str, tuple[float, list[float], int]] = {"health": (0.0, [], 0),
                                                                  "assessments": (0.0, [], 0)}  # fmt: skip
            server_cpu = {"health": 0.0, "assessments": 0.0}
            for _ in range(args.rounds):
                for name, method, path, payload in (
                    ("health", "GET", "/api/v1/health", None),
                    ("assessments", "POST", "/api/v1/assessments", bodies),
                ):
                    cpu_before = _cpu_seconds(server.pid)
                    elapsed, lat, err = asyncio.run(
                        _drive(base, method, path, payload, args.requests, args.clients)
                    )
                    server_cpu[name] += _cpu_seconds(server.pid) - cpu_before
                    total_elapsed, total_lat, total_err = results[name]
                    results[name] = (total_elapsed + elapsed, total_lat + lat, total_err + err)
        finally:
            server.terminate()
            server.wait(timeout=15)

    print(f"{args.clients} concurrent clients, {args.rounds} rounds x {args.requests} requests "
          f"per endpoint, loopback, 1 uvicorn worker, {os.cpu_count()} CPU(s) shared with the client")  # fmt: skip
    print(f"{'endpoint':<28}{'req/s':>9}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'errors':>8}"
          f"{'server CPU ms/req':>19}")  # fmt: skip
    rps = {}
    p99 = {}
    for name, (elapsed, lat, err) in results.items():
        rps[name] = len(lat) / elapsed
        p99[name] = _pct(lat, 0.99) * 1000
        label = "GET /api/v1/health" if name == "health" else "POST /api/v1/assessments"
        cpu_ms = server_cpu[name] / max(1, len(lat)) * 1000
        print(f"{label:<28}{rps[name]:>9.0f}{_pct(lat, 0.5) * 1000:>9.1f}"
              f"{_pct(lat, 0.9) * 1000:>9.1f}{p99[name]:>9.1f}{err:>8}{cpu_ms:>19.2f}")  # fmt: skip
    ratio = rps["assessments"] / rps["health"]
    if server_cpu["health"] > 0:
        cpu_ratio = (server_cpu["health"] / len(results["health"][1])) / (
            server_cpu["assessments"] / len(results["assessments"][1])
        )
        print(f"server-bound throughput ratio (health CPU/assessments CPU per request) = "
              f"{cpu_ratio:.2f}  [what the ratio would be if the client cost nothing]")  # fmt: skip
    ok_ratio, ok_p99 = ratio >= 0.5, p99["assessments"] <= 100
    print(f"throughput ratio assessments/health = {ratio:.2f} (target >= 0.50: "
          f"{'met' if ok_ratio else 'NOT met'})")  # fmt: skip
    print(f"assessments p99 = {p99['assessments']:.1f} ms (target <= 100 ms: "
          f"{'met' if ok_p99 else 'NOT met'})")  # fmt: skip
    return 0 if ok_ratio and ok_p99 else 1


if __name__ == "__main__":
    raise SystemExit(main())
