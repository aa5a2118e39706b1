"""The API docs: Swagger UI at ``/api/v1/docs``, and a plain reference at ``/api/v1/reference``.

FastAPI's own docs page loads Swagger UI's script and style from a CDN, which fails
offline and on networks that block it. Here Swagger UI's files come from the pinned
``swagger-ui-bundle-v2`` package, served by the app itself under
``/api/v1/docs/static``, and started by a local script (no inline script, so the
site's Content-Security-Policy stays ``script-src 'self'``), with try-it-out and the
OAuth2 password flow against this server; its validator badge (which would call an
outside service) is off.

The reference page is plain HTML built on the server from the same OpenAPI document
(``app.openapi()``): every operation with its parameters, body, answers and a ``curl``
line, and every schema with its fields, for readers without JavaScript.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from swagger_ui_bundle import swagger_ui_path  # type: ignore[import-untyped]

from milia.api.deps import State, render

__all__ = ["SWAGGER_UI_FILES", "describe_type", "operations", "router"]

#: Swagger UI's distribution (the pinned package's files), mounted at /api/v1/docs/static.
SWAGGER_UI_FILES = str(swagger_ui_path)

_SWAGGER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>milia API</title>
<link rel="stylesheet" href="/api/v1/docs/static/swagger-ui.css">
<link rel="icon" href="/static/favicon.svg">
</head><body>
<noscript><p>This page needs JavaScript. The same reference, without it:
<a href="/api/v1/reference">/api/v1/reference</a>.</p></noscript>
<div id="swagger-ui" data-openapi-url="/api/v1/openapi.json"
     data-oauth2-redirect-url="/api/v1/docs/static/oauth2-redirect.html"></div>
<script src="/api/v1/docs/static/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script>
</body></html>
"""

router = APIRouter(include_in_schema=False)
_METHODS = ("get", "post", "put", "patch", "delete")
_REF = "#/components/schemas/"


def describe_type(schema: Mapping[str, Any]) -> str:
    """A short, readable type for a JSON schema (``"array of EntryOut"``, ``"integer or null"``).

    Parameters
    ----------
    schema : mapping
        A JSON schema of the OpenAPI document (``$ref``, ``anyOf``, ``type``, ...).

    Returns
    -------
    str
        The type in words, a referenced schema by its name.
    """
    if "$ref" in schema:
        return str(schema["$ref"]).removeprefix(_REF)
    for combinator in ("anyOf", "oneOf"):
        if combinator in schema:
            return " or ".join(describe_type(part) for part in schema[combinator])
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return describe_type(schema["allOf"][0])
    if "enum" in schema:
        return "one of " + ", ".join(json.dumps(v) for v in schema["enum"])
    kind = str(schema.get("type", "any"))
    if kind == "array":
        return "array of " + describe_type(schema.get("items") or {})
    if kind == "object" and isinstance(schema.get("additionalProperties"), Mapping):
        return "object of " + describe_type(schema["additionalProperties"])
    if "format" in schema:
        return f"{kind} ({schema['format']})"
    return kind


def _body(operation: Mapping[str, Any]) -> dict[str, Any] | None:
    body = operation.get("requestBody")
    if not body:
        return None
    contents: Mapping[str, Any] = body.get("content") or {}
    content: Mapping[str, Any]
    media, content = next(iter(contents.items()), ("", {}))
    content = content if isinstance(content, Mapping) else {}
    schema = content.get("schema") or {}
    example = content.get("example")
    return {
        "media_type": media,
        "type": describe_type(schema),
        "ref": str(schema.get("$ref", "")).removeprefix(_REF) or None,
        "description": schema.get("description", ""),
        "example": json.dumps(example, indent=2) if example is not None else None,
        "required": bool(body.get("required")),
    }


def _curl(path: str, method: str, body: dict[str, Any] | None, secured: bool) -> str:
    parts = ["curl", "-s"]
    if method != "get":
        parts += ["-X", method.upper()]
    parts.append("$B" + path.removeprefix("/api/v1"))
    if secured:
        parts += ["-H", '"Authorization: Bearer $TOKEN"']
    if body and body["media_type"] == "application/json":
        data = shlex.quote(json.dumps(json.loads(body["example"]))) if body["example"] else None
        parts += ["-H", "'Content-Type: application/json'", "-d", data or "@body.json"]
    elif body and body["media_type"] == "multipart/form-data":
        parts += ["-F", "file=@photo.jpg"]
    elif body:
        parts += ["-d", "username=me@example.org", "-d", "'password=...'"]
    return " ".join(parts)


def operations(spec: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every operation of an OpenAPI document, in path order, ready for the page.

    Parameters
    ----------
    spec : mapping
        The OpenAPI document (``app.openapi()``).

    Returns
    -------
    list of dict
        One dict an operation: id, method, path, summary, description, tags,
        whether it needs a token, parameters, body, answers and a ``curl`` line.
    """
    out = []
    for path, item in spec.get("paths", {}).items():
        for method in _METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = _body(op)
            secured = bool(op.get("security"))
            responses = []
            for status, answer in op.get("responses", {}).items():
                schema = (answer.get("content") or {}).get("application/json", {}).get("schema")
                responses.append({"status": status, "description": answer.get("description", ""),
                                  "type": describe_type(schema) if schema else None})  # fmt: skip
            out.append({
                "id": str(op.get("operationId") or f"{method}-{path}"), "method": method.upper(),
                "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""), "tags": op.get("tags", []),
                "secured": secured, "body": body, "responses": responses,
                "parameters": [
                    {"name": p.get("name"), "in": p.get("in"), "required": p.get("required", False),
                     "type": describe_type(p.get("schema") or {}),
                     "description": p.get("description", "")}
                    for p in op.get("parameters", [])
                ],
                "curl": _curl(path, method, body, secured),
            })  # fmt: skip
    return out


def _schemas(spec: Mapping[str, Any]) -> list[dict[str, Any]]:
    out = []
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        required = set(schema.get("required", []))
        fields = [
            {"name": field, "type": describe_type(sub), "required": field in required,
             "description": sub.get("description", "")}
            for field, sub in schema.get("properties", {}).items()
        ]  # fmt: skip
        out.append({"name": name, "description": schema.get("description", ""), "fields": fields,
                    "type": describe_type(schema)})  # fmt: skip
    return out


@router.get("/api/v1/docs")
def swagger_ui() -> Response:
    """Swagger UI, from local files only."""
    return HTMLResponse(_SWAGGER_PAGE)


@router.get("/api/v1/reference")
def api_reference(request: Request, state: State) -> Response:
    """The API reference as plain HTML (no JavaScript), built from the OpenAPI document.

    Returns
    -------
    Response
        Every operation with its parameters, body, answers and a ``curl`` line,
        and every schema with its fields; status 200.
    """
    spec = request.app.openapi()
    return render(
        request, state, "api_docs.html", info=spec.get("info", {}), operations=operations(spec),
        schemas=_schemas(spec), base=str(request.base_url).rstrip("/") + "/api/v1",
    )  # fmt: skip


@router.get("/api/v1/redoc")
def api_redoc() -> Response:
    """The ReDoc address FastAPI would serve: sent on to the Swagger UI page.

    Returns
    -------
    Response
        A permanent redirect (308) to ``/api/v1/docs``.
    """
    return RedirectResponse("/api/v1/docs", status_code=308)
