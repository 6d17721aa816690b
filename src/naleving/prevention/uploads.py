"""The attachment of a change report: at most 10 MB of pdf, jpg or png, refused while it streams in.

``SizeLimitedUploadHandler`` sits before Django's own upload handlers and stops reading a file the moment
it passes the limit, so a 20 MB upload is never written to memory, a temporary file or the media folder;
the view then tells the resident plainly what went wrong. ``check_attachment`` checks what did arrive:
not empty, an allowed extension and content that matches it (a renamed web page or program is refused).
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_NAME = 100
#: extension → (stored extension, the first bytes every such file starts with)
ALLOWED = {
    "pdf": ("pdf", b"%PDF-"),
    "jpg": ("jpg", b"\xff\xd8\xff"),
    "jpeg": ("jpg", b"\xff\xd8\xff"),
    "png": ("png", b"\x89PNG\r\n\x1a\n"),
}
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


class SizeLimitedUploadHandler(FileUploadHandler):
    """Refuse any uploaded file above ``max_bytes`` while it is being received.

    On the first chunk past the limit it marks the request (``request.upload_too_large``) and stops the
    upload; Django discards what was read and the rest of the body. Put the file field last in the form:
    fields after it in the body are not parsed once the upload stops.
    """

    def __init__(self, request=None, max_bytes: int = MAX_ATTACHMENT_BYTES):
        super().__init__(request)
        self.max_bytes = max_bytes

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.max_bytes:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def too_large_message(request) -> str:
    total = int(request.META.get("CONTENT_LENGTH") or 0)
    size = f" Uw bestand is ongeveer {total / 1024 / 1024:.0f} MB." if total > MAX_ATTACHMENT_BYTES else ""
    return (
        f"Het bestand is te groot. Een bijlage mag hoogstens {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB zijn."
        f"{size} Maak een foto of scan met een lagere kwaliteit, of stuur alleen de belangrijkste bladzijde."
    )


@dataclass(frozen=True)
class CheckedAttachment:
    name: str  # a safe display name
    extension: str
    size: int


def check_attachment(upload) -> CheckedAttachment:
    """Raise ``ValidationError`` with a plain-Dutch message when the file may not be kept."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"attachment": "Het bestand is leeg. Kies een ander bestand."})
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            {"attachment": "Het bestand is te groot. Een bijlage mag hoogstens 10 MB zijn."}
        )
    name = safe_name(upload.name or "")
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in ALLOWED:
        raise ValidationError(
            {"attachment": "Dit soort bestand kunnen wij niet ontvangen. Stuur een pdf, jpg of png."}
        )
    stored, magic = ALLOWED[extension]
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise ValidationError(
            {"attachment": f"Dit bestand is geen echte {stored}. Stuur een pdf, jpg of png."}
        )
    return CheckedAttachment(name=name, extension=stored, size=size)


def safe_name(name: str) -> str:
    """Only the last path part, in plain letters, digits and ``-_.``, at most 100 characters."""
    base = PurePath(name.replace("\\", "/")).name
    plain = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    stem, dot, extension = plain.rpartition(".")
    if not dot:
        stem, extension = plain, ""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("_")[: MAX_NAME - 6] or "bijlage"
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:5]
    return f"{stem}.{extension}" if extension else stem
