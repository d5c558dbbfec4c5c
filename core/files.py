"""Uploads checked by content, stored files served safely.

* ``FILE_SIGNATURES`` — what a file of each kind starts with: a renamed program is refused.
* ``check_upload(upload, allowed=...)`` — the bytes of an upload whose name and content agree
  (a picture must open as that picture, an office file must hold its parts); else a Russian
  ``ValidationError``.
* ``file_response(content, file_name)`` — a stored file with the Content-Type of its checked
  kind; ``attachment`` unless it is a checked PDF or picture.
"""

import io
import zipfile
from pathlib import Path
from urllib.parse import quote

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt
ZIP = b"PK\x03\x04"  # the Office Open XML and OpenDocument formats

FILE_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".doc": (OLE,),
    ".xls": (OLE,),
    ".ppt": (OLE,),
    ".docx": (ZIP,),
    ".xlsx": (ZIP,),
    ".pptx": (ZIP,),
    ".odt": (ZIP,),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}

# --- checking an upload and serving a stored file (issue 26) ----------------------------------
# Each kind: its extension, the Content-Type it is served with, whether a browser may show it.


CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
DOCUMENTS = frozenset({".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ppt", ".pptx"})
IMAGES = frozenset({".jpg", ".jpeg", ".png"})
EVERY_KIND = DOCUMENTS | IMAGES
# Shown in the browser (checked PDF and pictures); everything else is downloaded.
INLINE = frozenset({".pdf"}) | IMAGES
_IMAGE_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
# What the inside of a ZIP-based office file must hold.
_ZIP_MARKERS = {
    ".docx": "word/",
    ".xlsx": "xl/",
    ".pptx": "ppt/",
    ".odt": "mimetype",
}


def listed(kinds) -> str:
    """«PDF, DOC, DOCX, JPG или PNG»: the allowed kinds for a message, in a stable order."""
    order = [".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ppt", ".pptx", ".jpg", ".png"]
    names = [ext[1:].upper() for ext in order if ext in kinds]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " или " + names[-1]


def _image_ok(content: bytes, ext: str) -> bool:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
            return image.format == _IMAGE_FORMATS[ext]
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False


def _zip_ok(content: bytes, ext: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    marker = _ZIP_MARKERS[ext]
    if ext == ".odt":
        return "mimetype" in names
    return "[Content_Types].xml" in names and any(name.startswith(marker) for name in names)


def content_matches(content: bytes, ext: str) -> bool:
    """True when the bytes really are a file of kind ``ext`` (not only named so)."""
    signatures = FILE_SIGNATURES.get(ext)
    if not signatures or not content.startswith(signatures):
        return False
    if ext in IMAGES:
        return _image_ok(content, ext)
    if ext in _ZIP_MARKERS:
        return _zip_ok(content, ext)
    return True


def checked_kind(content: bytes, file_name: str, allowed=EVERY_KIND) -> str | None:
    """The kind (extension) of a file whose name and content agree, or None."""
    ext = Path(file_name or "").suffix.lower()
    if ext in allowed and content_matches(content, ext):
        return ext
    return None


def check_upload(upload, *, allowed=EVERY_KIND, max_bytes: int | None = None) -> bytes:
    """The bytes of an upload whose content is one of ``allowed``; else a Russian error."""
    from django.core.exceptions import ValidationError

    ext = Path(upload.name or "").suffix.lower()
    if ext not in allowed:
        raise ValidationError(
            f"Такой файл загрузить нельзя: подойдут {listed(allowed)}.", code="file_type"
        )
    if max_bytes is not None and upload.size > max_bytes:
        megabytes = max_bytes // (1024 * 1024)
        raise ValidationError(
            f"Файл больше {megabytes} МБ: сожмите его или загрузите файл поменьше.",
            code="file_size",
        )
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if not content_matches(content, ext):
        raise ValidationError(
            f"Файл называется «{upload.name}», но внутри не {ext[1:].upper()}: сохраните "
            "документ заново в нужном формате.",
            code="file_content",
        )
    return content


def file_response(content: bytes, file_name: str):
    """A stored file, served safely whatever the uploader claimed.

    Its Content-Type comes from the kind its content was checked to be (an unknown or
    mismatching file is ``application/octet-stream``); only a checked PDF or picture is shown
    in the browser, everything else is an attachment. ``nosniff`` keeps browsers from guessing.
    """
    from django.http import HttpResponse

    ext = checked_kind(content, file_name)
    content_type = CONTENT_TYPES[ext] if ext else "application/octet-stream"
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if ext in INLINE else "attachment"
    response["Content-Disposition"] = (
        f"{disposition}; filename*=UTF-8''{quote(file_name or 'file')}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
