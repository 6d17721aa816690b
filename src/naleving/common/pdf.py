"""HTML → PDF for every document Naleving makes (letters, prevention sheets and receipts, reports), through
one WeasyPrint URL fetcher that reads nothing but the product's own static files.

A PDF template may link a stylesheet or image with ``{% static %}``; everything else a document could ask
WeasyPrint to fetch is refused: ``file://`` (``<img src="file:///etc/passwd">``, ``<link rel=attachment>``
would embed a server file in the PDF), ``http(s)://`` (a request from the server to anywhere, SSRF) and
``data:`` (no template uses it). The documents carry personal data, so a text a resident or colleague typed
that slipped through as HTML must never make the server read or send anything.

Relative URLs are resolved against ``BASE_URL``, a host under ``.invalid`` (RFC 2606, never resolves), so
``/static/naleving/print.css`` becomes ``https://pdf.naleving.invalid/static/naleving/print.css``, which the
fetcher maps to the file, and nothing else of that host exists. The one kind of uploaded file a document
shows, a municipality's logo (``Gemeente.logo``), is read from the default storage under ``STORED_PREFIX``
(``stored_file_url``), only from the folders in ``STORED_FOLDERS``.
"""

import logging
import mimetypes
import posixpath
import ssl
import threading
from functools import cache
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage

logger = logging.getLogger(__name__)

#: Base URL of every document: relative URLs resolve to this host, which only serves static files.
BASE_URL = "https://pdf.naleving.invalid/"


#: Uploaded files a document may show: the municipalities' logos (``Gemeente.logo`` uploads to "gemeenten/").
STORED_PREFIX = "/opgeslagen/"
STORED_FOLDERS = ("gemeenten/",)


class RefusedURL(ValueError):
    """A document asked for something other than one of our static files."""


def static_file(url: str) -> Path | None:
    """The static file ``url`` names (``BASE_URL`` + ``STATIC_URL`` + a path), or None for any other URL."""
    parts = urlsplit(url)
    base = urlsplit(BASE_URL)
    prefix = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(prefix):
        return None
    relative = unquote(parts.path[len(prefix) :])
    normal = posixpath.normpath(relative)
    if not relative or normal.startswith(("..", "/")) or "\\" in relative or "\x00" in relative:
        return None
    found = finders.find(normal)
    if found:
        return Path(found)
    root = Path(settings.STATIC_ROOT).resolve()
    candidate = (root / normal).resolve()
    if candidate.is_file() and candidate.is_relative_to(root):
        return candidate
    return None


def stored_file_url(name: str) -> str:
    """The URL a document uses for the stored file ``name`` (e.g. a ``Gemeente.logo`` name)."""
    return BASE_URL.rstrip("/") + STORED_PREFIX + quote(name)


def stored_file(url: str) -> bytes | None:
    """The content of the stored file ``url`` names, when it lies in one of ``STORED_FOLDERS``; else None."""
    parts = urlsplit(url)
    base = urlsplit(BASE_URL)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(STORED_PREFIX):
        return None
    relative = unquote(parts.path[len(STORED_PREFIX) :])
    if "\\" in relative or "\x00" in relative or posixpath.normpath(relative) != relative:
        return None
    if not relative.startswith(STORED_FOLDERS) or not default_storage.exists(relative):
        return None
    with default_storage.open(relative, "rb") as stored:
        return bytes(stored.read())


@cache
def _fetcher_class():
    # WeasyPrint is imported when the first document is made, not when Django starts.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Answers from the static files and refuses the rest; it never opens a connection or a path."""

        def fetch(self, url, headers=None):
            path = static_file(url)
            body = path.read_bytes() if path is not None else stored_file(url)
            if body is None:
                logger.warning("PDF: refused to fetch %r", url[:200])
                raise RefusedURL("Een document haalt alleen eigen vaste bestanden op.")
            name = path.name if path is not None else urlsplit(url).path
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    return StaticOnlyFetcher


@cache
def _no_tls() -> ssl.SSLContext:
    """The TLS context WeasyPrint's fetcher is built with: it opens no connection (``fetch`` above never calls
    the network), but without a context of ours it loads the system's CA certificates for every document (a
    tenth of the time of a one-page letter). This one trusts no certificate, so it could not connect anyway."""
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def url_fetcher():
    """A fresh fetcher for one document (WeasyPrint's fetcher keeps per-request state)."""
    return _fetcher_class()(allowed_protocols=("https",), allow_redirects=False, ssl_context=_no_tls())


#: The archival, accessible variant of a letter: PDF/A-2 level A (ISO 19005-2), which requires a tagged
#: structure tree; WeasyPrint then writes the tags (``pdf_tags``), ``/MarkInfo``, the ``/Lang`` of
#: ``<html lang>`` and the ``<title>`` shown as the window title (PDF/UA-1's DisplayDocTitle).
ARCHIVAL_VARIANT = "pdf/a-2a"


#: PDF/UA-1 identification (ISO 14289-1, 5) in the XMP packet, with the extension schema PDF/A requires for
#: a namespace it does not predefine (ISO 19005-2, 6.6.2.3). WeasyPrint writes one variant's identification;
#: the tags, /MarkInfo, /Lang and DisplayDocTitle of its own "pdf/ua-1" variant are written by ``pdf_tags``.
PDFUA_XMP = b"""<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">\
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">\
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">\
<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>\
<pdfaProperty:category>internal</pdfaProperty:category>\
<pdfaProperty:description>Indicates which part of ISO 14289 standard is followed</pdfaProperty:description>\
</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>\
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part>\
</rdf:Description>"""


def _declare_pdfua(document, pdf) -> None:
    """WeasyPrint finisher: add the PDF/UA-1 identification inside the one rdf:RDF of the XMP packet."""
    for obj in pdf.objects:
        if getattr(obj, "extra", {}).get("Type") == "/Metadata" and obj.stream:
            packet = b"".join(part if isinstance(part, bytes) else str(part).encode() for part in obj.stream)
            if b"</rdf:RDF>" in packet:
                obj.stream = [packet.replace(b"</rdf:RDF>", PDFUA_XMP + b"</rdf:RDF>", 1)]


def html_to_pdf(html: str, *, archival: bool = False) -> bytes:
    """Render ``html`` (a rendered Django template) as PDF bytes, fetching only our static files.

    ``archival``: a document sent to a resident and kept as sent (a decision letter) is written as PDF/A-2a,
    tagged and identified as PDF/UA-1, so it stays readable for decades and a screen reader can follow it;
    the template must set ``<html lang>`` and a ``<title>``."""
    return layout_to_pdf(html_layout(html, archival=archival), archival=archival)


def html_layout(html: str, *, archival: bool = False):
    """``html`` laid out on its pages (a WeasyPrint ``Document``): the first half of ``html_to_pdf``, for a
    caller that looks at the boxes as well (a test of where the text falls) before writing the PDF."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher())
    return document.render(font_config=_font_config(), **_options(archival))


_FONTS = threading.local()


def _font_config():
    """The thread's WeasyPrint ``FontConfiguration``, made once: making one loads Fontconfig's configuration
    and the system's fonts (a quarter of a one-page letter's time, about 30 ms), and WeasyPrint keeps its font
    caches in it. One per thread, as Pango's font map is not shared between threads; no template declares an
    ``@font-face``, so nothing a document brings stays behind for the next."""
    config = getattr(_FONTS, "config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _FONTS.config = FontConfiguration()
    return config


def layout_to_pdf(layout, *, archival: bool = False) -> bytes:
    """The PDF bytes of a document ``html_layout`` laid out (with the same ``archival``)."""
    return layout.write_pdf(finisher=_declare_pdfua if archival else None, **_options(archival))


def _options(archival: bool) -> dict:
    """WeasyPrint's options, as ``HTML.write_pdf`` gives them to both the layout and the writing."""
    from weasyprint import DEFAULT_OPTIONS

    return {**DEFAULT_OPTIONS, **({"pdf_variant": ARCHIVAL_VARIANT, "pdf_tags": True} if archival else {})}
