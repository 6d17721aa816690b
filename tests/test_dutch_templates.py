"""Every template a user sees is Dutch (issue #22): pages, letters, PDFs and e-mails.

Render-independent: each template's text is read without rendering it, with comments, scripts, styles,
``{% %}`` tags and ``{{ }}`` variables taken out, and then its text between the HTML tags, the
user-visible attributes (title, alt, placeholder, aria-label, value) and the literal strings of
``{% translate %}`` go through ``naleving.testing.dutch.english_words``.
"""

import re
from pathlib import Path

import pytest

from naleving.testing.dutch import english_words

SRC = Path(__file__).resolve().parents[1] / "src" / "naleving"
#: the Django templates and the Jinja2 ones (ADR 0036: list rows, filter form, pagination), whose tags and
#: variables are written between the same delimiters
TEMPLATES = sorted(
    p
    for folder in ("templates", "jinja2")
    for p in SRC.glob(f"**/{folder}/**/*")
    if p.is_file() and p.suffix in {".html", ".txt", ".xml", ".svg"}
)
#: words a template may use although they are on the English list: none yet (proper names go in the
#: helper's ALLOWED)
ALLOWLIST: set[str] = set()

COMMENT = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}|<!--.*?-->", re.S)
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
TRANSLATE = re.compile(r"\{%\s*(?:translate|trans)\s+(['\"])(.*?)\1.*?%\}", re.S)
TAG_OR_VARIABLE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
VISIBLE_ATTRIBUTE = re.compile(
    r"\b(?:title|alt|placeholder|aria-label|aria-description|value)\s*=\s*(['\"])(.*?)\1", re.S | re.I
)
HTML_TAG = re.compile(r"<[^>]*>", re.S)


def visible_texts(source: str) -> list[str]:
    """The pieces of a template's source a user can read, without rendering it."""
    source = SCRIPT_OR_STYLE.sub(" ", COMMENT.sub(" ", source))
    texts = [m.group(2) for m in TRANSLATE.finditer(source)]
    plain = TAG_OR_VARIABLE.sub(" ", source)
    texts += [m.group(2) for m in VISIBLE_ATTRIBUTE.finditer(plain)]
    texts.append(HTML_TAG.sub(" ", plain))
    return texts


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 100
    assert any("letter" in str(p) for p in TEMPLATES)
    assert any("/jinja2/" in str(p) for p in TEMPLATES)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_the_template_is_dutch(template: Path):
    found = [english_words(text, ALLOWLIST) for text in visible_texts(template.read_text(encoding="utf-8"))]
    assert [words for words in found if words] == []


def test_the_check_finds_english_in_a_template():
    source = """{% extends "base.html" %}{# the comment may be English #}
    <h1>{% translate "Please sign in" %}</h1><p>Klik op <a href="{% url 'x' %}">opslaan</a>.</p>
    <button title="Save the form">{{ form.submit_label }}</button><script>if (a && b) {}</script>"""
    found = sorted({w for text in visible_texts(source) for w in english_words(text)})
    assert found == ["please", "save", "sign", "the"]
