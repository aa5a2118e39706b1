"""Micro-batched assessments: each answer is ``milia.assess`` of its own case, encoded as before."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from fastapi.testclient import TestClient

import milia
from milia.api import microbatch
from milia.api.contracts import json_answer
from milia.api.microbatch import MAX_CHUNK, AssessmentBatcher
from milia.engine.sample import random_cases
from milia.errors import CaseError

FLAGGED: list[dict[str, Any]] = [
    {"age_days": 10, "unwell": True, "color": "white", "sites": ["nose"]},
    {"age_years": 8, "color": "white", "count": 80, "onset": "eruptive", "growing": True},
    {"color": "pearly_translucent", "sites": ["nose"], "growing": True, "on_red_plaque": True},
    {"age_days": 30, "color": "yellow", "sites": ["eyelids"], "onset": "eruptive",
     "history": ["wants_self_extraction", "blistering_at_site"],
     "conditions": ["epidermolysis_bullosa", "rombo_syndrome"]},
]  # fmt: skip


async def _together(batcher: AssessmentBatcher, cases: Sequence[object]) -> list[Any]:
    """Submit every case in one loop turn; each one's assessment, or the CaseError it raised."""
    waiting: list[Any] = []
    for case in cases:
        try:
            waiting.append(batcher.submit(case))
        except CaseError as err:
            waiting.append(err)
    return [w if isinstance(w, CaseError) else await w for w in waiting]


@pytest.mark.parametrize("size", [1, 2, 7, MAX_CHUNK, MAX_CHUNK + 9])
def test_a_batch_answers_each_case_as_assess_does(size: int) -> None:
    cases = (random_cases(size + 20, seed=size) + FLAGGED)[:size]
    results = asyncio.run(_together(AssessmentBatcher(), cases))
    assert len(results) == size
    for case, result in zip(cases, results, strict=True):
        assert result == milia.assess(case), case


def test_many_batches_of_mixed_sizes() -> None:
    cases = random_cases(600, seed=21) + FLAGGED
    batcher = AssessmentBatcher()
    got: list[dict[str, Any]] = []

    async def run() -> None:
        start = 0
        for size in [1, 3, 50, 200, 2, 17, 400]:
            got.extend(await _together(batcher, cases[start : start + size]))
            start += size

    asyncio.run(run())
    assert len(got) == len(cases)
    for case, result in zip(cases, got, strict=True):
        assert result == milia.assess(case), case


def test_a_bad_case_is_refused_alone_at_once() -> None:
    good = random_cases(5, seed=3)
    bad: list[object] = [{"colour": "white"}, {"color": "white", "sites": ["eyelid"]}, [1]]
    got = asyncio.run(_together(AssessmentBatcher(), [good[0], bad[0], *good[1:3], *bad[1:]]))
    assert isinstance(got[1], CaseError) and got[1].field == "colour"
    assert isinstance(got[4], CaseError) and got[4].field == "sites[0]"
    assert isinstance(got[5], CaseError)
    for case, result in zip(good[:3], [got[0], got[2], got[3]], strict=True):
        assert result == milia.assess(case)
    with pytest.raises(CaseError) as info:
        milia.assess(bad[0])
    assert info.value.to_dict() == got[1].to_dict()


def test_a_lone_request_needs_no_company() -> None:
    async def run() -> dict[str, Any]:
        return await asyncio.wait_for(AssessmentBatcher().submit(FLAGGED[0]), timeout=5)

    assert asyncio.run(run()) == milia.assess(FLAGGED[0])


def test_an_engine_failure_fails_only_its_own_case(monkeypatch: pytest.MonkeyPatch) -> None:
    real = microbatch.assess_cleaned

    def fails_on_nose(cases: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        if any("nose" in case.get("sites", ()) for case in cases):
            raise RuntimeError("boom")
        return real(cases)

    monkeypatch.setattr(microbatch, "assess_cleaned", fails_on_nose)
    cases = [{"color": "white", "sites": ["eyelids"]}, {"color": "white", "sites": ["nose"]},
             {"color": "yellow", "sites": ["cheeks"]}]  # fmt: skip
    batcher = AssessmentBatcher()

    async def run() -> list[Any]:
        futures = [batcher.submit(case) for case in cases]
        return await asyncio.gather(*futures, return_exceptions=True)

    got = asyncio.run(run())
    assert isinstance(got[1], RuntimeError)
    assert got[0] == milia.assess(cases[0])
    assert got[2] == milia.assess(cases[2])


def test_a_cancelled_waiter_does_not_stop_the_others() -> None:
    cases = random_cases(4, seed=8)
    batcher = AssessmentBatcher()

    async def run() -> list[dict[str, Any]]:
        futures = [batcher.submit(case) for case in cases]
        futures[1].cancel()  # its client went away
        return [await f for i, f in enumerate(futures) if i != 1]

    got = asyncio.run(run())
    assert got == [milia.assess(c) for i, c in enumerate(cases) if i != 1]


def test_the_first_chunk_is_answered_before_the_next_is_assessed() -> None:
    """More than MAX_CHUNK waiting: the first chunk's answers do not wait for the rest."""
    cases = random_cases(MAX_CHUNK + 5, seed=9)
    batcher = AssessmentBatcher()
    order: list[str] = []

    async def run() -> None:
        futures = [batcher.submit(case) for case in cases]
        futures[0].add_done_callback(lambda _: order.append("first"))
        futures[-1].add_done_callback(lambda _: order.append("last"))
        await asyncio.gather(*futures)

    asyncio.run(run())
    assert order == ["first", "last"]


def test_the_api_answers_concurrent_requests_each_with_its_own_case(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = random_cases(30, seed=12) + FLAGGED
    app = client.app
    chunks: list[int] = []
    real = microbatch.assess_cleaned

    def counted(batch: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        chunks.append(len(batch))
        return real(batch)

    monkeypatch.setattr(microbatch, "assess_cleaned", counted)

    async def post_all() -> list[tuple[int, bytes, dict[str, str]]]:
        import httpx

        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            answers = await asyncio.gather(
                *[http.post("/api/v1/assessments", json=case) for case in cases],
                http.post("/api/v1/assessments", json={"colour": "white"}),
            )
        return [(a.status_code, a.content, dict(a.headers)) for a in answers]

    got = asyncio.run(post_all())
    for case, (status, body, headers) in zip(cases, got, strict=False):
        assert status == 200
        assert headers["content-type"] == "application/json"
        assert headers["x-content-type-options"] == "nosniff"
        assert body == json_answer(milia.assess(case)).body  # the same bytes as before
    assert got[-1][0] == 422 and json.loads(got[-1][1])["field"] == "colour"
    assert sum(chunks) == len(cases) and max(chunks) > 1  # assessed together
