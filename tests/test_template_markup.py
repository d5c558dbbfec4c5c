"""Templates stay valid HTML and fit a strict CSP: htmx as data-hx-*, no inline handlers."""

import re
from pathlib import Path

import pytest

TEMPLATES = sorted((Path(__file__).parent.parent / "templates").rglob("*.html"))
BARE_HTMX = re.compile(r"(?<![\w-])hx-[a-z-]+=")
INLINE_HANDLER = re.compile(r"\son[a-z]+=\"", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")


def _pages():
    return [t for t in TEMPLATES if "pdf" not in t.parts and "emails" not in t.parts]


@pytest.mark.parametrize("template", _pages(), ids=lambda t: str(t.name))
def test_htmx_attributes_are_written_as_data_hx(template):
    assert not BARE_HTMX.findall(template.read_text(encoding="utf-8"))


@pytest.mark.parametrize("template", _pages(), ids=lambda t: str(t.name))
def test_no_inline_event_handler_or_script(template):
    text = template.read_text(encoding="utf-8")
    assert not INLINE_HANDLER.findall(text)
    assert not INLINE_SCRIPT.findall(text)
