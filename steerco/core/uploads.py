"""Uploaded files: the checks every upload passes, and serving a stored file to a reader in scope."""

from __future__ import annotations

import io
import mimetypes
import re
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import PurePath
from typing import IO, Any
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _

from .numbers import format_number

# The longest base name an upload may have; with the longest `upload_to` and the suffix storage adds
# to keep names unique, a stored name stays within the FileFields' 255 characters.
UPLOAD_NAME_MAX = 100
# Larger images are refused before they are decoded (a small file can hold a huge picture).
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG"}
# What a zipped office document must hold, by extension: a part for OOXML, the mimetype for ODF.
ZIP_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
ODF_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
MEGABYTE = 1024 * 1024


def size_and_limit(size: int, limit: int) -> tuple[str, str]:
    """A file's size and the limit in the limit's unit, with as many decimals as it takes to differ."""
    units = [(MEGABYTE, _("%(size)s MB")), (1024, _("%(size)s kB"))]
    for unit, text in units:
        if limit < unit:
            continue
        for places in (1, 2, 3):
            shown = format_number(Decimal(size) / unit, places)
            limit_shown = format_number(Decimal(limit) / unit, places)
            if shown != limit_shown:
                return text % {"size": shown}, text % {"size": limit_shown}
        break
    text = _("%(size)s bytes")
    return text % {"size": format_number(size, 0)}, text % {"size": format_number(limit, 0)}


def _extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def validate_upload(upload: UploadedFile | FieldFile) -> None:
    """Refuse a file whose type, name, size or content is not acceptable, saying which and why.

    The one rule for every upload point; a file stored earlier is not read again (it was checked
    when it came in).
    """
    name = PurePath(getattr(upload, "name", "") or "").name
    extension = _extension(name)
    allowed = [e.lower() for e in settings.UPLOAD_ALLOWED_EXTENSIONS]
    if extension not in allowed:
        raise ValidationError(
            _("%(name)s: files of type .%(ext)s are not accepted; allowed types are %(allowed)s.")
            % {"name": name, "ext": extension or "?", "allowed": ", ".join(allowed)},
            code="file_type",
        )
    if len(name) > UPLOAD_NAME_MAX:
        raise ValidationError(
            _(
                "The file name has %(count)s characters; at most %(limit)s are accepted. "
                "Rename the file and upload it again."
            )
            % {"count": len(name), "limit": UPLOAD_NAME_MAX},
            code="file_name",
        )
    size = upload.size or 0
    if size > settings.UPLOAD_MAX_BYTES:
        size_text, limit_text = size_and_limit(size, settings.UPLOAD_MAX_BYTES)
        raise ValidationError(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {"name": name, "size": size_text, "limit": limit_text},
            code="file_size",
        )
    if getattr(upload, "_committed", False):
        return
    handle = getattr(upload, "file", upload)
    if not _content_matches(handle, extension):
        raise ValidationError(
            _("%(name)s is not a .%(ext)s file: its content does not match its name.")
            % {"name": name, "ext": extension},
            code="file_content",
        )


def _content_matches(handle: IO[bytes], extension: str) -> bool:
    handle.seek(0)
    try:
        if extension == "pdf":
            return handle.read(5) == b"%PDF-"
        if extension in ZIP_PARTS or extension in ODF_TYPES:
            return _zip_matches(handle, extension)
        if extension in IMAGE_FORMATS:
            return _image_matches(handle, IMAGE_FORMATS[extension])
        # Plain text (csv, txt): any encoding people's tools write, but not a binary file.
        return b"\x00" not in handle.read()
    finally:
        handle.seek(0)


def _zip_matches(handle: IO[bytes], extension: str) -> bool:
    try:
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
            if extension in ZIP_PARTS:
                return "[Content_Types].xml" in names and ZIP_PARTS[extension] in names
            return "mimetype" in names and archive.read("mimetype").strip() == ODF_TYPES[extension]
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return False


def _image_matches(handle: IO[bytes], image_format: str) -> bool:
    from PIL import Image

    try:
        with Image.open(handle) as image:
            if image.format != image_format or image.width * image.height > IMAGE_MAX_PIXELS:
                return False
            image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False
    return True


def accept_upload(stored: FieldFile | None) -> None:
    """Check a file just uploaded (raises ValidationError) and re-encode an image without its metadata.

    Photos carry EXIF (camera, time, often GPS position); the stored copy keeps only the pixels,
    turned upright. A file stored earlier is left alone.
    """
    if not stored or getattr(stored, "_committed", True) or isinstance(stored.file, ScreenedFile):
        return
    validate_upload(stored)
    extension = _extension(stored.name or "")
    if extension in IMAGE_FORMATS:
        stored.file = ScreenedFile(_reencoded(stored.file, IMAGE_FORMATS[extension]), name=stored.name)


class ScreenedFile(ContentFile):  # type: ignore[type-arg]
    """An upload already re-encoded by `accept_upload`: a second check (form, then service) skips it."""


def _reencoded(handle: IO[bytes], image_format: str) -> bytes:
    from PIL import Image, ImageOps

    handle.seek(0)
    with Image.open(handle) as original:
        image = ImageOps.exif_transpose(original)
    # Only the pixels and their transparency stay: EXIF, XMP, comments and text chunks go.
    for key in [k for k in image.info if k != "transparency"]:
        del image.info[key]
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    options: dict[str, Any] = {"quality": 90} if image_format == "JPEG" else {}
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


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


# ---- files kept for a form's retry -------------------------------------------------------------

KEPT_PREFIX = "kept-"
KEPT_FOLDER = "kept"
KEPT_FOR_SECONDS = 24 * 3600


def _kept_salt(user: Any) -> str:
    return f"steerco.kept-upload.{getattr(user, 'pk', '')}"


def keep_uploads(form: Any, user: Any) -> None:
    """A form refused for another reason keeps the files chosen in it: each accepted upload is stored
    aside and the page carries a signed reference to it (`form.kept_files`: the field's HTML name, the
    reference, the file's name), so the retry does not ask for the file again."""
    from django.core import signing
    from django.core.files.storage import default_storage

    kept = list(getattr(form, "kept_files", []))
    for name, field in form.fields.items():
        if not isinstance(field, forms_file_field()) or name in form.errors:
            continue
        upload = form.cleaned_data.get(name)
        if not isinstance(upload, UploadedFile):
            continue
        upload.seek(0)
        stored = default_storage.save(f"{KEPT_FOLDER}/{PurePath(upload.name or 'file').name}", upload)
        reference = signing.dumps({"path": stored, "name": upload.name}, salt=_kept_salt(user))
        kept.append((form.add_prefix(name), reference, upload.name))
    form.kept_files = kept


def restore_kept(form: Any, data: Any, user: Any) -> None:
    """Give a posted form back the files kept from its previous, refused submission (unless a new file
    was chosen); a reference that is not ours, or too old, is ignored."""
    from django.core import signing
    from django.core.files.storage import default_storage
    from django.utils.datastructures import MultiValueDict

    if data is None:
        return
    files = MultiValueDict(form.files.lists()) if form.files else MultiValueDict()
    restored = False
    for name, field in form.fields.items():
        html_name = form.add_prefix(name)
        if not isinstance(field, forms_file_field()) or files.get(html_name):
            continue
        reference = data.get(KEPT_PREFIX + html_name)
        if not reference:
            continue
        try:
            kept = signing.loads(reference, salt=_kept_salt(user), max_age=KEPT_FOR_SECONDS)
        except signing.BadSignature:
            continue
        path = str(kept.get("path", ""))
        if not path.startswith(f"{KEPT_FOLDER}/") or not default_storage.exists(path):
            continue
        with default_storage.open(path, "rb") as handle:
            content = handle.read()
        from django.core.files.uploadedfile import SimpleUploadedFile

        files[html_name] = SimpleUploadedFile(str(kept.get("name") or PurePath(path).name), content)
        restored = True
    if restored:
        form.files = files


def forms_file_field() -> type:
    from django import forms

    return forms.FileField
