"""Small, real files of each accepted type, for tests that upload something."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PDF = b"%PDF-1.4\n%test\n"


def image_bytes(image_format: str = "JPEG", *, size: tuple[int, int] = (4, 3), gps: bool = False) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    buffer = io.BytesIO()
    options = {}
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "CameraMaker"  # Make
        exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "E", 4: (71.0, 26.0, 0.0)}  # GPS position
        options["exif"] = exif
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def office_bytes(extension: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if extension in ("odt", "ods"):
            kind = "text" if extension == "odt" else "spreadsheet"
            archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}")
            archive.writestr("content.xml", "<office:document-content/>")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml" if extension == "docx" else "xl/workbook.xml", "<x/>")
    return buffer.getvalue()


def content_for(name: str) -> bytes:
    """Bytes that pass the content check for a file named `name`."""
    extension = name.rsplit(".", 1)[-1].lower()
    if extension == "pdf":
        return PDF
    if extension in ("jpg", "jpeg"):
        return image_bytes("JPEG")
    if extension == "png":
        return image_bytes("PNG")
    if extension in ("docx", "xlsx", "odt", "ods"):
        return office_bytes(extension)
    return b"plain text\n"


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content_for(name) if content is None else content)
