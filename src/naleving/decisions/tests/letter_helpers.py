"""Helpers of the letter tests: the text of a PDF as one line, and a full weighing."""

import io
import re

from pypdf import PdfReader

#: an answer to every factor of weighing_factors.yaml
WEGING = {
    "aard_ernst": "U gaf vijf maanden uw loon niet door.",
    "verwijtbaarheid_redenen": "U kende de inlichtingenplicht: die stond in de brief bij de toekenning.",
    "rol_gemeente": "Nee. Het loon stond pas na drie maanden in de polisadministratie.",
    "omstandigheden_draagkracht": "U heeft geen schulden. De boete past in uw aflossing per maand.",
    "dringende_redenen": "Nee. Er zijn geen ernstige gevolgen die u niet kunt dragen.",
    "zienswijze": "U zei dat u dacht dat de werkgever het doorgaf. Dat is niet zo: u moet het zelf doen.",
}


def pdf_reader(pdf) -> PdfReader:
    return PdfReader(io.BytesIO(bytes(pdf)))


#: the page footer (and the list bullets the extraction puts before it), which can split a sentence
FOOTER = re.compile(r"(?:• )*Kenmerk NLV-\d{4}-\d{6} Pagina \d+ van \d+ ?")


def pdf_text(pdf) -> str:
    """The letter's text on one line, without the page footers."""
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf_reader(pdf).pages)
    return FOOTER.sub("", text + " ").strip()


def squeeze(text: str) -> str:
    return " ".join(text.split())
