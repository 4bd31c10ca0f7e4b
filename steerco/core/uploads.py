"""Uploaded files: the checks every upload passes, and serving a stored file to a reader in scope."""

from __future__ import annotations

import mimetypes
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
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
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
