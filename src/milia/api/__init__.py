"""The web app and the HTTP API: ``milia.api.app.create_app(settings)``.

Pages (Jinja2, cookie sessions with CSRF tokens) and the JSON API under
``/api/v1`` (bearer tokens) are thin adapters over the core calls and the
owner-scoped diary repository. Started by ``milia serve``.
"""
