"""Paging of the diary's list routes (QA F12-11).

A clinic account that keeps 1,000 assessments got all of them, 27 MB, from
``GET /api/v1/diary/assessments``. Every list route of the diary takes
``limit`` (1-1000 records, 100 when left out), ``offset`` (records skipped) and
``order`` (``oldest`` first, as before, or ``newest``), and answers with
``X-Total-Count`` (all the records of that list) and, when more follow, a
``Link: <...>; rel="next"`` header to the next page, so none is missed silently.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Query, Request, Response

from milia.api.deps import ApiUser, Repo
from milia.storage import Page

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "Paging", "paging"]

#: The most records one request may ask for, and how many come when none is asked.
MAX_LIMIT = 1000
DEFAULT_LIMIT = 100


def paging(
    request: Request,
    response: Response,
    user: ApiUser,
    repo: Repo,
    limit: Annotated[
        int,
        Query(ge=1, le=MAX_LIMIT, description="at most this many records (1-1000)"),
    ] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, description="records skipped before the first")] = 0,
    order: Annotated[
        Literal["oldest", "newest"], Query(description="oldest first (the default) or newest")
    ] = "oldest",
) -> Page:
    """The slice a list route was asked for (FastAPI dependency).

    Sets ``X-Total-Count`` (every record of the list the route's last path part
    names) and, when records follow this page, ``Link`` with ``rel="next"``.

    Parameters
    ----------
    request, response, user, repo
        The request (its path names the list), the answer (gets the headers), the
        signed-in user and the repository (FastAPI fills them in).
    limit : int
        At most this many records, 1-1000 (100 by default).
    offset : int
        How many records to skip first (0 or more).
    order : {"oldest", "newest"}
        Which end the list starts from.

    Returns
    -------
    Page
        The slice, for the repository's list methods.

    """
    total = repo.count_listed(user.id, request.url.path.rstrip("/").rsplit("/", 1)[-1])
    response.headers["X-Total-Count"] = str(total)
    if offset + limit < total:
        following = request.url.include_query_params(offset=offset + limit, limit=limit)
        response.headers["Link"] = f'<{following}>; rel="next"'
    return Page(limit=limit, offset=offset, newest_first=order == "newest")


#: A list route's paging parameters, as one dependency.
Paging = Annotated[Page, Depends(paging)]
