"""Checks on files attached to an investigation: size, extension, sniffed content, a safe file name.

An investigation file holds evidence about a resident; only ordinary document and image types are
accepted, and the content must match the extension, so a renamed executable or HTML page is refused.
"""

import codecs
import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.utils.text import get_valid_filename

MAX_BYTES = 10 * 1024 * 1024
MAX_NAME = 120
SNIFF_BYTES = 8192

#: extension → (file type, content type served on download)
ALLOWED = {
    "pdf": ("pdf", "application/pdf"),
    "jpg": ("jpg", "image/jpeg"),
    "jpeg": ("jpg", "image/jpeg"),
    "png": ("png", "image/png"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "txt": ("txt", "text/plain; charset=utf-8"),
}
CONTENT_TYPES = {file_type: content_type for file_type, content_type in ALLOWED.values()}
_ZIP_MEMBER = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    file_type: str
    size: int
    sha256: str


def check_upload(upload) -> CheckedFile:
    """Validate an uploaded file; raises ``ValidationError`` with a Dutch message the user can act on."""
    if upload is None:
        raise ValidationError({"file": "Kies een bestand."})
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": "Het bestand is leeg."})
    if size > MAX_BYTES:
        raise ValidationError({"file": f"Het bestand is {size / 1024 / 1024:.1f} MB; het maximum is 10 MB."})
    filename = safe_filename(upload.name or "")
    extension = filename.rsplit(".", 1)[-1] if "." in filename else ""
    if extension not in ALLOWED:
        raise ValidationError(
            {
                "file": "Dit soort bestand kan niet worden toegevoegd. Toegestaan: pdf, jpg, png, docx, xlsx en txt."
            }
        )
    file_type = ALLOWED[extension][0]
    if not _content_matches(upload, file_type):
        raise ValidationError(
            {
                "file": f"De inhoud van het bestand past niet bij de extensie .{extension}. Het is niet toegevoegd."
            }
        )
    return CheckedFile(filename, file_type, size, _sha256(upload))


def safe_filename(name: str) -> str:
    """Only the last path part, ASCII letters, digits, ``-_.``; lower-case extension; at most 120 characters."""
    base = PurePath(name.replace("\\", "/")).name
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode().strip()
    stem, dot, extension = ascii_name.rpartition(".")
    if not dot:
        stem, extension = ascii_name, ""
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:10]
    try:
        stem = get_valid_filename(stem).strip("._")
    except SuspiciousFileOperation:  # nothing usable left, e.g. "..."
        stem = ""
    stem = stem[: MAX_NAME - len(extension) - 1] or "document"
    return f"{stem}.{extension}" if extension else stem


def _head(upload, size: int = SNIFF_BYTES) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _content_matches(upload, file_type: str) -> bool:
    head = _head(upload)
    if file_type == "pdf":
        return head.startswith(b"%PDF-")
    if file_type == "jpg":
        return head.startswith(b"\xff\xd8\xff")
    if file_type == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if file_type in _ZIP_MEMBER:
        return head.startswith(b"PK\x03\x04") and _zip_has(upload, _ZIP_MEMBER[file_type])
    return _looks_like_text(head)


def _zip_has(upload, member: str) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)


def _looks_like_text(head: bytes) -> bool:
    """No NUL bytes and valid UTF-8 (a character cut off at the end of the sample is fine) or cp1252."""
    if b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return True
    except UnicodeDecodeError:
        pass
    try:
        head.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
