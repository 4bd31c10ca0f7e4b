"""A request id for every request, so audit entries written together can be told apart."""

from __future__ import annotations

import contextvars
import re
import uuid
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("steerco_request_id", default="")

# A proxy's id is kept so the audit can be matched with its logs; anything else the client sends
# (spaces, markup, control characters, a novel) is replaced by an id of our own.
WELL_FORMED_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id_from(sent: str) -> str:
    """The client's X-Request-Id when it is well formed, otherwise a fresh one."""
    return sent if WELL_FORMED_REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from .content import main_language

        request_id = request_id_from(request.headers.get("X-Request-Id", ""))
        token = current_request_id.set(request_id)
        try:
            # Each request starts without a programme; its pages set the main language of content.
            with main_language(None):
                response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-Id"] = request_id
        return response


class OutsideScopeMiddleware:
    """A service's refusal (`steerco.core.permissions.OutsideScope`) answers 404, as a view's does:
    nobody learns from the answer whether the object exists beyond their reach."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        from .permissions import OutsideScope

        if isinstance(exception, OutsideScope):
            raise Http404 from exception
