"""WeasyPrint's font configuration is made once per thread (``common.pdf._font_config``): the same document
gives the same bytes however often it is made, and no thread uses another's Pango font map."""

import threading

from naleving.common import pdf

LETTER = (
    "<html lang='nl'><head><title>Brief</title><style>body { font-family: sans-serif }</style></head>"
    "<body><h1>Besluit</h1><p>U ontvangt deze brief omdat wij een besluit hebben genomen.</p></body></html>"
)


def test_one_font_configuration_per_thread():
    mine = pdf._font_config()
    assert pdf._font_config() is mine
    seen = []
    thread = threading.Thread(target=lambda: seen.append(pdf._font_config()))
    thread.start()
    thread.join()
    assert seen and seen[0] is not mine


def test_the_same_document_gives_the_same_pdf_each_time():
    first = pdf.html_to_pdf(LETTER)
    assert first.startswith(b"%PDF-")
    assert pdf.html_to_pdf(LETTER) == first
    made = []
    thread = threading.Thread(target=lambda: made.append(pdf.html_to_pdf(LETTER)))
    thread.start()
    thread.join()
    assert made == [first]
