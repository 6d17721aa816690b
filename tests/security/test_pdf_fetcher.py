"""Every PDF goes through one WeasyPrint URL fetcher that serves our static files and nothing else: no
server file (file://), no request from the server (http://, SSRF), no data: URL."""

import ast
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import naleving
from naleving.common.pdf import BASE_URL, html_to_pdf, static_file

SRC = Path(naleving.__file__).parent


@pytest.fixture
def listener():
    """A web server on loopback that records every request it gets."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


def _text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return "".join(page.extract_text() for page in reader.pages)


def test_no_server_file_no_request_and_no_data_url(listener, tmp_path, caplog):
    url, hits = listener
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM-1234")
    html = f"""<html><head>
      <link rel="stylesheet" href="{url}/style.css">
      <link rel="stylesheet" href="file://{secret}">
      <link rel="attachment" href="file://{secret}">
      <link rel="attachment" href="file:///etc/passwd">
    </head><body>
      <p>Brief</p>
      <img src="file:///etc/passwd"><img src="file://{secret}"><img src="{url}/logo.png">
      <img src="https://{url.removeprefix("http://")}/x.png">
      <img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E">
      <div style="background: url('{url}/bg.png')"></div>
    </body></html>"""
    pdf = html_to_pdf(html)
    assert pdf.startswith(b"%PDF")
    assert hits == []
    assert b"GEHEIM-1234" not in pdf and b"root:" not in pdf
    assert "Brief" in _text(pdf)
    refused = [r.getMessage() for r in caplog.records if r.getMessage().startswith("PDF: refused")]
    assert any("file:///etc/passwd" in m for m in refused) and any(url in m for m in refused)


def test_relative_urls_resolve_to_our_static_files_only():
    assert static_file(f"{BASE_URL}static/naleving/naleving.css").name == "naleving.css"
    for url in (
        f"{BASE_URL}static/../settings/base.py",
        f"{BASE_URL}static/%2e%2e/%2e%2e/settings/base.py",
        f"{BASE_URL}static/naleving/../../../../etc/passwd",
        f"{BASE_URL}settings/base.py",
        f"{BASE_URL}static/",
        "https://example.org/static/naleving/naleving.css",
        "file:///etc/passwd",
        "data:text/plain,x",
    ):
        assert static_file(url) is None, url


def test_a_static_stylesheet_is_used():
    html = '<link rel="stylesheet" href="/static/naleving/naleving.css"><p class="nl-muted">Tekst</p>'
    assert "Tekst" in _text(html_to_pdf(html))


def test_no_module_calls_weasyprint_but_common_pdf():
    """Letters, prevention documents and reports all render through html_to_pdf (and its fetcher)."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or path == SRC / "common" / "pdf.py":
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(n.split(".")[0] == "weasyprint" for n in names):
                offenders.append(str(path.relative_to(SRC)))
    assert offenders == []


@pytest.mark.django_db
def test_the_documents_render_through_the_fetcher(world, monkeypatch):
    """The decision letter, a prevention sheet and a report PDF each use the one fetcher."""
    from naleving.common import pdf
    from naleving.decisions.letters import besluit_letter_pdf
    from naleving.prevention.documents import information_sheet_pdf

    made = []
    real = pdf.url_fetcher

    def counting():
        made.append(1)
        return real()

    monkeypatch.setattr(pdf, "url_fetcher", counting)
    from datetime import date

    besluit_letter_pdf(besluit=world["besluit"], sent_on=date(2026, 4, 2))
    information_sheet_pdf(language="nl")
    assert len(made) == 2
