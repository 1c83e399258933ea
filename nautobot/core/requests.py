"""A copy of an HTTP request that can outlive it and travel (to a job, a task): the safe parts only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Headers and server variables kept: nothing that carries credentials (cookies, Authorization).
SAFE_META = (
    "CONTENT_LENGTH",
    "CONTENT_TYPE",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_ENCODING",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_HOST",
    "HTTP_REFERER",
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REQUEST_ID",
    "QUERY_STRING",
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "REMOTE_USER",
    "REQUEST_METHOD",
    "SERVER_NAME",
    "SERVER_PORT",
)


@dataclass
class CopiedRequest:
    """What `copy_safe_request` keeps of a request, under the request's attribute names."""

    META: dict = field(default_factory=dict)
    GET: Any = None
    POST: Any = None
    FILES: Any = None
    user: Any = None
    path: str = ""
    id: Any = None


def copy_safe_request(request) -> CopiedRequest:
    """A copy of `request` without its credentials: safe META entries, query and form data, files, user, path."""
    meta = {key: request.META[key] for key in SAFE_META if isinstance(request.META.get(key), str)}
    return CopiedRequest(
        META=meta,
        GET=request.GET.copy(),
        POST=request.POST.copy(),
        FILES=request.FILES,
        user=getattr(request, "user", None),
        path=request.path,
        id=getattr(request, "id", None) or request.META.get("HTTP_X_REQUEST_ID"),
    )


__all__ = ["CopiedRequest", "copy_safe_request"]
