"""Uploaded files: the checks every upload passes, and serving a stored file to a reader in scope."""

from __future__ import annotations

import mimetypes
import re
import unicodedata
from pathlib import PurePath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def validate_upload(upload: UploadedFile | FieldFile) -> None:
    """Refuse a file of a type that is not allowed or larger than the limit, saying which and why."""
    name = getattr(upload, "name", "") or ""
    extension = PurePath(name).suffix.lower().lstrip(".")
    allowed = [e.lower() for e in settings.UPLOAD_ALLOWED_EXTENSIONS]
    if extension not in allowed:
        raise ValidationError(
            _("%(name)s: files of type .%(ext)s are not accepted; allowed types are %(allowed)s.")
            % {"name": PurePath(name).name, "ext": extension or "?", "allowed": ", ".join(allowed)},
            code="file_type",
        )
    size = upload.size or 0
    if size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {
                "name": PurePath(name).name,
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.UPLOAD_MAX_BYTES),
            },
            code="file_size",
        )


def serve_stored_file(stored: FieldFile, *, download_name: str | None = None) -> FileResponse:
    """A stored file as a download. Callers look the owning object up through `restrict` first."""
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = download_name or PurePath(stored.name or "file").name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = attachment_disposition(name)
    return response


def download_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """Bytes made here (a pack, minutes) as a download under `filename`."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment_disposition(filename)
    return response


def attachment_disposition(filename: str) -> str:
    """The `Content-Disposition` of every download: the name in UTF-8 (RFC 6266) and an ASCII fallback.

    File names come from what people typed (a group's name, an evidence title): control characters
    (CR, LF), quotes, backslashes and path separators are dropped, so the header is always valid.
    """
    name = "".join(
        " " if not ch.isprintable() else ch
        for ch in unicodedata.normalize("NFC", filename)
        if ch not in '"\\/'
    )
    name = " ".join(name.split()) or "download"
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    fallback = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    fallback = re.sub(r"[^A-Za-z0-9._ -]+", "", fallback)
    fallback = re.sub(r"([ ._-])[ ._-]+", r"\1", fallback).strip(" ._-") or "download"
    extension = re.sub(r"[^A-Za-z0-9]+", "", extension)
    if extension:
        fallback += "." + extension
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
