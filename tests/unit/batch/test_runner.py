"""The batch runner keeps input order, reports progress and survives bad items."""

from __future__ import annotations

import pytest

from milia.batch.runner import run_batch
from milia.errors import ConfigError


def square_or_error(x: int) -> dict[str, int | str]:
    if x % 7 == 3:
        return {"item": x, "error": "bad item"}
    return {"item": x, "value": x * x}


@pytest.mark.parametrize("backend", ["loop", "processes"])
@pytest.mark.parametrize("chunk_size", [1, 5, 1000])
def test_results_in_input_order(backend: str, chunk_size: int) -> None:
    seen: list[int] = []
    out = list(
        run_batch(
            square_or_error,
            range(53),
            backend=backend,  # type: ignore[arg-type]
            workers=2,
            chunk_size=chunk_size,
            on_progress=seen.append,
        )
    )
    assert [r["item"] for r in out] == list(range(53))
    assert sum(seen) == 53
    assert [r["item"] for r in out if "error" in r] == [x for x in range(53) if x % 7 == 3]
    assert out[4] == {"item": 4, "value": 16}


def test_empty_input_gives_empty_result() -> None:
    assert list(run_batch(square_or_error, [], backend="loop")) == []


@pytest.mark.slow
def test_dask_local_cluster_matches_loop() -> None:
    items = list(range(40))
    loop = list(run_batch(square_or_error, items, backend="loop"))
    dask = list(run_batch(square_or_error, items, backend="dask", workers=2, chunk_size=6))
    assert dask == loop


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"workers": 0}, "workers"),
        ({"chunk_size": 0}, "chunk_size"),
        ({"backend": "gpu"}, "backend"),
    ],
)
def test_bad_options_name_the_field(options: dict[str, object], field: str) -> None:
    with pytest.raises(ConfigError) as info:
        list(run_batch(square_or_error, [1], **options))  # type: ignore[arg-type]
    assert info.value.field == field
