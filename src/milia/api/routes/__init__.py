"""Routers: the JSON API (``api_*``) and the pages (``pages_*``).

A page route's docstring lists, under Parameters, only what the browser sends:
form fields, path and query parameters. The dependencies FastAPI injects are the
same in every route and are not listed again:

``request``
    The browser's request (its session cookie is cleared or replaced on sign-in,
    sign-out and account deletion).
``state``
    The app's :class:`~milia.api.deps.AppState` (settings, services, templates).
``repo``, ``db``
    The :class:`~milia.storage.repository.Repository` over the request's database
    session; a route that writes commits before it answers.
``user``
    The signed-in account, for pages that need one; without it the browser is
    sent to the sign-in page and back afterwards.
"""
