"""``milia serve``: create the data folder, migrate the database, start the web app."""

from __future__ import annotations

import os
from typing import Annotated

import typer

__all__ = ["default_workers", "register", "single_threaded_maths"]


def default_workers() -> int:
    """One worker per CPU this process may run on, at most 8.

    The assessment is CPU-bound on the event loop, so one process serves about one
    core's worth of requests; more workers than cores only add memory (≈ 0.3 GB each).
    """
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(8, cpus))


# BLAS/OpenMP thread pools: the engine's matrices are small, and a pool of threads per
# worker only contends with the other workers and the event loop (the question-gain step
# ran ~10x slower with OpenBLAS's default pool under load on a 2-core machine)
_MATHS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def single_threaded_maths() -> None:
    """Default the numeric libraries to one thread each, before numpy is imported.

    A value the user has set is kept. Worker processes inherit the environment.
    """
    for name in _MATHS_THREADS:
        os.environ.setdefault(name, "1")


def serve(
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default: MILIA_HOST or 127.0.0.1).")
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(min=1, max=65535, help="Port (default: MILIA_PORT or 8000)."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, max=64, help="Worker processes (default: one per CPU, at most 8)."),
    ] = None,
) -> None:
    """Start the web app (SQLite in MILIA_DATA_DIR unless MILIA_DATABASE_URL is set)."""
    single_threaded_maths()
    try:
        import uvicorn

        from milia.api.app import SUPERVISOR_ENV, create_app, warm_up
    except ImportError as exc:  # pragma: no cover - depends on the install
        from milia.errors import ConfigError

        raise ConfigError(
            f"the web app needs the 'web' extra ({exc.name} is missing): pip install 'milia[web]'"
        ) from exc
    from milia.cli.serve_ready import (
        ReadyAnnouncer,
        answers,
        check_port_free,
        probe_host,
        shown_host,
    )
    from milia.config import Settings
    from milia.storage.db import database_label

    settings = Settings()
    if host is not None or port is not None:
        settings = settings.model_copy(
            update={"host": host or settings.host, "port": port or settings.port}
        )
    # a second `milia serve` on the same port: one line and exit 2 (QA F11-17), before
    # any migration or model loading
    check_port_free(settings.host, settings.port)
    settings.prepare_data_dir()  # one line and exit 2 when it cannot be used (QA F5-62)
    # never sign cookies and tokens with the public default secret (QA F7-24)
    settings = settings.with_local_secret()
    app = create_app(settings)  # migrates the database first
    typer.echo(
        f"milia {settings.environment}: data in {settings.data_dir.resolve()}; "
        f"database: {database_label(settings)}"
    )
    if workers is None:
        workers = default_workers()
    address = f"http://{shown_host(settings.host)}:{settings.port}/"
    # The address is printed when the server answers, not before (QA F6-18): a worker
    # listens only after it has loaded the model. A port another program already
    # serves was refused above (check_port_free); one taken since is uvicorn's to report.
    announcer = None
    if not answers(settings.host, settings.port):
        plural = "es" if workers > 1 else ""
        typer.echo(
            f"Starting {workers} worker process{plural} (loading the model can take a "
            "minute on a busy machine); the address follows when the server is ready ..."
        )
        announcer = ReadyAnnouncer(
            f"http://{probe_host(settings.host)}:{settings.port}",
            f"Open {address} in your browser (Ctrl+C stops the server)",
            echo=typer.echo,
        )
    try:
        if workers == 1:
            warm_up()
            if announcer is not None:
                announcer.start()
            uvicorn.run(
                app, host=settings.host, port=settings.port, log_level="warning", access_log=False
            )
            return
        # Workers build their own app from the same environment (already migrated above),
        # and die with this process, however it ends.
        app.state.milia.engine.dispose()
        os.environ["MILIA_DATA_DIR"] = str(settings.data_dir)
        os.environ[SUPERVISOR_ENV] = str(os.getpid())
        if announcer is not None:
            announcer.start()
        uvicorn.run(
            "milia.api.app:app_from_environment", factory=True, workers=workers,
            host=settings.host, port=settings.port, log_level="warning", access_log=False,
        )  # fmt: skip
    finally:
        if announcer is not None:
            announcer.stop()


def register(app: typer.Typer) -> None:
    """Add ``milia serve`` to the root app."""
    app.command("serve")(serve)
