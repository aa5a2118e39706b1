"""The assessment fast lane answers exactly what the full stack answers, or hands over."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import milia
from milia.api.app import BodyLimitMiddleware, SecurityHeadersMiddleware
from milia.api.contracts import MissingContentTypeIsJson, json_answer
from milia.api.drafts import DraftPurge
from milia.api.fastlane import AssessmentFastLane
from milia.engine.sample import random_cases

PATH = "/api/v1/assessments"
JSON = [(b"content-type", b"application/json")]

Answer = tuple[int, list[tuple[bytes, bytes]], bytes]


def _lane(app: FastAPI) -> AssessmentFastLane:
    """The app's fast lane instance (the middleware stack is built on first use)."""
    layer: Any = app.middleware_stack or app.build_middleware_stack()
    app.middleware_stack = layer
    while not isinstance(layer, AssessmentFastLane):
        layer = layer.app
    return layer


def _call(
    asgi: ASGIApp,
    app: FastAPI,
    *,
    body: bytes | list[bytes] = b"",
    headers: list[tuple[bytes, bytes]] | None = None,
    method: str = "POST",
    path: str = PATH,
    length: bool = True,
    disconnect: bool = False,
) -> Answer:
    chunks = [body] if isinstance(body, bytes) else body
    sent = b"".join(chunks)
    head = list(JSON if headers is None else headers)
    if length:
        head.append((b"content-length", str(len(sent)).encode()))
    scope: Scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "",
        "query_string": b"", "headers": [(b"host", b"testserver"), *head],
        "client": ("127.0.0.1", 5000), "server": ("testserver", 80), "state": {}, "app": app,
    }  # fmt: skip
    messages: list[Message] = [
        {"type": "http.request", "body": c, "more_body": i < len(chunks) - 1}
        for i, c in enumerate(chunks)
    ]
    if disconnect:
        messages = [{**messages[0], "more_body": True}, {"type": "http.disconnect"}]
    out: list[Message] = []

    async def receive() -> Message:
        if messages:
            return messages.pop(0)
        await asyncio.sleep(3600)  # a real client would wait; never reached when it works
        raise AssertionError

    async def send(message: Message) -> None:
        out.append(message)

    async def run() -> None:
        await asyncio.wait_for(asgi(scope, receive, send), timeout=30)

    asyncio.run(run())
    if not out:
        return 0, [], b""
    start = out[0]
    return start["status"], list(start["headers"]), b"".join(m.get("body", b"") for m in out[1:])


class _Spy:
    """Wraps the rest of the stack: did the lane hand the request down?"""

    def __init__(self, app: ASGIApp, fastapi_app: FastAPI) -> None:
        self.app = app
        self.fastapi_app = fastapi_app
        self.calls = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls += 1
        await self.app(scope, receive, send)


@pytest.fixture
def lane(client: TestClient) -> AssessmentFastLane:
    assert isinstance(client.app, FastAPI)
    found = _lane(client.app)
    found.app = _Spy(found.app, client.app)
    return found


def _both(lane: AssessmentFastLane, **request: Any) -> tuple[Answer, Answer, int]:
    """The answer through the lane, the answer of the stack below it, and hand-overs."""
    spy = lane.app
    assert isinstance(spy, _Spy)
    before = spy.calls
    via_lane = _call(lane, spy.fastapi_app, **request)
    handed = spy.calls - before
    return via_lane, _call(spy.app, spy.fastapi_app, **request), handed


def test_the_lane_answers_plain_requests_exactly_as_the_stack(lane: AssessmentFastLane) -> None:
    cases = [*random_cases(40, seed=31), {"age_days": 10, "unwell": True, "color": "white"}]
    for case in cases:
        body = json.dumps(case).encode()
        fast, full, handed = _both(lane, body=body)
        assert handed == 0  # answered by the lane itself
        assert fast == full
        assert fast[0] == 200 and fast[2] == json_answer(milia.assess(case)).body
    header_names = [name for name, _ in fast[1]]
    assert header_names[:2] == [b"content-length", b"content-type"]
    assert b"content-security-policy" in header_names


@pytest.mark.parametrize(
    "request_",
    [
        {"headers": []},  # no Content-Type: read as JSON
        {"headers": [(b"content-type", b"application/json; charset=utf-8")]},
        {"headers": [(b"content-type", b"application/vnd.case+json")]},
        {"body": [b'{"color": "wh', b'ite", "sites": ["nose"]}']},  # a body in two parts
    ],
)
def test_variants_of_a_plain_request_stay_in_the_lane(
    lane: AssessmentFastLane, request_: dict[str, Any]
) -> None:
    request_.setdefault("body", b'{"color": "white", "sites": ["eyelids"]}')
    fast, full, handed = _both(lane, **request_)
    assert handed == 0
    assert fast == full and fast[0] == 200


@pytest.mark.parametrize(
    ("request_", "status"),
    [
        ({"body": b'{"colour": "white"}'}, 422),
        ({"body": b'{"color": "white", "color": "red"}'}, 422),
        ({"body": b"[]"}, 422),
        ({"body": b'"{}"'}, 422),
        ({"body": b"{"}, 422),
        ({"body": b"\xff\xfe"}, 422),
        ({"body": b""}, 422),
        ({"body": b'{"case": {"color": "white"}}'}, 422),
        ({"body": b'{"age_years": NaN}'}, 422),
        ({"headers": [(b"content-type", b"text/plain")]}, 415),
        ({"headers": [(b"content-type", b"application/x-www-form-urlencoded")]}, 415),
        ({"length": False}, 200),  # no Content-Length: the stack reads it
        ({"headers": [*JSON, (b"cookie", b"other=1")]}, 200),
        ({"headers": [*JSON, (b"authorization", b"Bearer nonsense")]}, 401),
        ({"method": "GET"}, 405),
        ({"path": PATH + "/"}, 307),
    ],
)
def test_anything_else_is_answered_by_the_stack(
    lane: AssessmentFastLane, request_: dict[str, Any], status: int
) -> None:
    request_.setdefault("body", b'{"color": "white", "sites": ["eyelids"]}')
    fast, full, handed = _both(lane, **request_)
    assert handed == 1
    assert fast == full and fast[0] == status


def test_a_declared_body_over_the_limit_is_left_to_the_stack(lane: AssessmentFastLane) -> None:
    lane.limit = 10  # the BodyLimitMiddleware below keeps the app's own (larger) limit
    fast, _, handed = _both(lane, body=b'{"color": "white", "sites": ["eyelids"]}')
    assert handed == 1 and fast[0] == 200  # the stack's own limit is the app's, larger


def test_a_client_gone_while_sending_is_handed_down(lane: AssessmentFastLane) -> None:
    spy = lane.app
    assert isinstance(spy, _Spy)
    request: dict[str, Any] = {"body": b'{"color": "white"}', "disconnect": True}
    with pytest.raises(ClientDisconnect):  # as the stack alone does
        _call(spy.app, spy.fastapi_app, **request)
    with pytest.raises(ClientDisconnect):
        _call(lane, spy.fastapi_app, **request)
    assert spy.calls == 1


def test_the_lane_knows_every_middleware_it_skips(client: TestClient) -> None:
    """A new middleware must be weighed for the lane (which skips all below it)."""
    assert isinstance(client.app, FastAPI)
    assert [m.cls for m in client.app.user_middleware] == [
        AssessmentFastLane,
        DraftPurge,  # skipped on purpose: any other request purges old drafts
        BodyLimitMiddleware,
        SecurityHeadersMiddleware,
        MissingContentTypeIsJson,
        SessionMiddleware,
    ]
