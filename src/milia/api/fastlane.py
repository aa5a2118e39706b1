"""The common request of ``POST /api/v1/assessments`` answered without the rest of the stack.

Most assessment requests carry a JSON case, no cookie and no token. For those the
app's middleware and routing (body limit, security headers, missing Content-Type,
session, exception handling, router, the lean route's request and response
objects) do nothing but pass the request along, which cost about a fifth of an
assessment's CPU time once the engine ran in chunks (in process, 10 concurrent
requests, four alternating runs: 0.18-0.26 ms with the lane, 0.22-0.29 ms without;
health unchanged). :class:`AssessmentFastLane`,
the outermost of the app's own middleware (inside Starlette's server-error
handler and FastAPI's telemetry), answers such a request itself: the same
validation, the same batcher, the same headers (the security headers included)
and the same body as the lean route.

Anything else goes down the usual stack unchanged: another path or method, a
cookie (the session middleware may answer with one), an ``Authorization`` header
(the case is stored), a Content-Type that is not JSON (415), no
``Content-Length`` or one over the upload limit (413). A request whose body turns
out not to be a valid case is also handed down, its body replayed, so that its
error answer (422) is written by the error handlers, exactly as before.
``tests/unit/api/test_fastlane.py`` compares both ways, headers and bodies.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from milia.api.contracts import encode_answer, is_json_media_type
from milia.api.microbatch import AssessmentBatcher
from milia.engine.json_input import parse_case_json
from milia.errors import CaseError

__all__ = ["AssessmentFastLane"]

_BYPASS = frozenset({b"cookie", b"authorization", b"transfer-encoding"})


class AssessmentFastLane:
    """ASGI middleware: answer a plain assessment request directly (see the module docstring).

    Parameters
    ----------
    app : ASGIApp
        The rest of the stack.
    path : str
        The assessments path (``"/api/v1/assessments"``).
    batcher : AssessmentBatcher
        The app's batcher (the lean route's own).
    limit : int
        The upload limit, bytes; a longer declared body goes down the stack (413).
    headers : sequence of (bytes, bytes)
        Headers the stack adds to every answer (the security headers), in order.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        path: str,
        batcher: AssessmentBatcher,
        limit: int,
        headers: Sequence[tuple[bytes, bytes]],
    ) -> None:
        self.app = app
        self.path = path
        self.batcher = batcher
        self.limit = limit
        self.headers = list(headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not (
            scope["type"] == "http"
            and scope["path"] == self.path
            and scope["method"] == "POST"
            and not scope.get("query_string")  # refused by the lean route (QA F7-32)
            and self._plain(scope["headers"])
        ):
            await self.app(scope, receive, send)
            return
        received: list[Message] = []
        chunks: list[bytes] = []
        while True:
            message = await receive()
            received.append(message)
            if message["type"] != "http.request":  # the client went away
                await self.app(scope, _replay(received, receive), send)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        try:
            future = self.batcher.submit(_case(b"".join(chunks)))
        except CaseError:  # answered by the error handlers, from the same body
            await self.app(scope, _replay(received, receive), send)
            return
        body = encode_answer(await future)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-length", str(len(body)).encode()),
                    (b"content-type", b"application/json"),
                    *self.headers,
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    def _plain(self, headers: Sequence[tuple[bytes, bytes]]) -> bool:
        """A JSON body of declared length within the limit; no cookie, no token."""
        length = None
        for name, value in headers:
            if name in _BYPASS:
                return False
            if name == b"content-type":
                if not is_json_media_type(value.decode("latin-1")):
                    return False
            elif name == b"content-length":
                if length is not None:
                    return False
                length = value
        return length is not None and length.isdigit() and int(length) <= self.limit


def _case(raw: bytes) -> object:
    """The parsed body when it is a JSON object that is not a ``{"case": ...}`` wrapper."""
    value = parse_case_json(raw, where="the body")
    if not isinstance(value, dict) or "case" in value:
        raise CaseError("not a bare case")  # the lean route words the answer
    return value


def _replay(received: list[Message], receive: Receive) -> Receive:
    """A ``receive`` that gives the messages already read again, then the real ones."""
    pending = list(received)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed
