"""The API docs work offline: Swagger UI from the package's files, and a plain reference."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from milia.api.routes.api_docs import describe_type


def test_docs_page_lists_every_operation_and_loads_nothing_from_elsewhere(
    client: TestClient,
) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    page = client.get("/api/v1/reference")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    for path, item in spec["paths"].items():
        for method in item:
            assert f"<code>{method.upper()} {path}</code>" in html, (method, path)
    for name in spec["components"]["schemas"]:
        assert f'id="schema-{name}"' in html
    # No script at all, and nothing fetched from another host (links out are fine, loads are not).
    assert "<script" not in html
    loads = re.findall(r'<(?:link|img|iframe)[^>]+(?:href|src)="([^"]+)"', html)
    assert loads and all(url.startswith("/") for url in loads)
    assert "cdn" not in html.lower()
    assert "default-src 'self'" in page.headers["content-security-policy"]


def test_docs_page_shows_the_case_example_and_a_curl_line(client: TestClient) -> None:
    html = client.get("/api/v1/reference").text
    op = html[html.index('<article id="assessments_api_v1_assessments_post"') :]
    op = op.split("</article>", 1)[0]
    assert "&#34;age_years&#34;" in op or "&quot;age_years&quot;" in op
    assert "curl -s -X POST $B/assessments" in op


def test_swagger_ui_loads_only_files_of_this_server(client: TestClient) -> None:
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    loads = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:href|src)="([^"]+)"', html)
    assert len(loads) >= 3 and all(url.startswith("/") for url in loads), loads
    assert "<script>" not in html  # no inline script: the CSP stays script-src 'self'
    assert "script-src 'self'" in page.headers["content-security-policy"]
    for url in loads:
        asset = client.get(url)
        assert asset.status_code == 200, url
        if url.endswith(".js"):
            assert "javascript" in asset.headers["content-type"]
    bundle = client.get("/api/v1/docs/static/swagger-ui-bundle.js").text
    assert "SwaggerUIBundle" in bundle and len(bundle) > 500_000  # the real distribution
    start = client.get("/static/swagger-init.js").text
    assert "validatorUrl: null" in start and "data-openapi-url" in html
    assert 'data-openapi-url="/api/v1/openapi.json"' in html
    assert '<a href="/api/v1/reference">' in html  # without JavaScript


def test_redoc_points_to_the_local_docs(client: TestClient) -> None:
    answer = client.get("/api/v1/redoc", follow_redirects=False)
    assert answer.status_code == 308 and answer.headers["location"] == "/api/v1/docs"


def test_describe_type_reads_nested_schemas() -> None:
    assert describe_type({"$ref": "#/components/schemas/EntryOut"}) == "EntryOut"
    assert describe_type({"type": "array", "items": {"$ref": "#/components/schemas/X"}}) == (
        "array of X"
    )
    assert describe_type({"anyOf": [{"type": "integer"}, {"type": "null"}]}) == "integer or null"
    assert describe_type({"type": "object", "additionalProperties": {"type": "integer"}}) == (
        "object of integer"
    )
    assert describe_type({"type": "string", "format": "date"}) == "string (date)"
    assert describe_type({}) == "any"


def test_openapi_documents_the_error_body_that_is_really_sent(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    error = spec["components"]["schemas"]["ErrorOut"]["properties"]
    assert set(error) == {"detail", "field", "suggestion"}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            ref = operation["responses"]["422"]["content"]["application/json"]["schema"]["$ref"]
            assert ref.endswith("/ErrorOut"), (method, path)
    sent = client.post("/api/v1/assessments", json={"colour": "white"}).json()
    assert set(sent) == set(error) and isinstance(sent["detail"], str)
