"""What WeasyPrint may load while it prints a report: the project's own static files, nothing else.

A report holds text that people typed; whatever it says, printing it must not make the server open a
connection (to the network, to the loopback, to a file outside the static directories).
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The charts are embedded as data: URIs of these types (see `charts.chart_data_uri`).
DATA_TYPES = frozenset({"image/svg+xml", "image/png"})


class RefusedURL(ValueError):
    """A URL the report printer does not open."""


def static_roots() -> list[Path]:
    """Every directory the project serves static files from, resolved."""
    roots = [Path(d) for d in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    roots += [Path(config.path) / "static" for config in apps.get_app_configs()]
    return [root.resolve() for root in roots if root.is_dir()]


def static_file(url: str) -> Path | None:
    """The file a `file:` URL names, when it lies inside a static directory; None otherwise."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(parts.path)).resolve()
    for root in static_roots():
        if path.is_relative_to(root) and path.is_file():
            return path
    return None


class StaticOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """Serves static files from disk and the charts' data: URIs; refuses every other URL."""

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].strip().lower()
        if scheme == "data":
            media_type = url[5:].split(",", 1)[0].split(";", 1)[0].strip().lower()
            if media_type in DATA_TYPES:
                return super().fetch(url, headers)
        elif (path := static_file(url)) is not None:
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
        raise RefusedURL(f"not fetched while printing a report: {url[:200]}")
