"""HTML templates to PDF bytes with WeasyPrint and the fonts the project ships.

Every PDF is archival and accessible: PDF/A-3a (tagged structure, fonts embedded, an sRGB output
intent), with XMP metadata taken from the template's ``<title>``, ``<meta name="author">``,
``<meta name="dcterms.created">`` and ``<html lang="ru">`` (the language is added to the XMP
packet here: WeasyPrint writes it to the catalog only). A signed document carries its signature
record as an attached JSON file (``PdfAttachment``, PDF/A-3 allows attachments).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"

# ISO 19005-3, conformance level A: tagged, Unicode text, attachments allowed.
PDF_VARIANT = "pdf/a-3a"
LANGUAGE = "ru"

# Where a stored document's HTML says its fonts are: replaced by FONTS_DIR when it is rendered,
# so HTML kept at signing renders the same after a deploy to another directory.
STORED_FONTS = "dou-fonts:"


@dataclass(frozen=True)
class PdfAttachment:
    """A file embedded in the PDF (PDF/A-3 «associated file»), e.g. the signature record."""

    name: str
    content: bytes
    description: str = ""
    # ISO 32000-2 AFRelationship: «Data» for a machine-readable copy of what the page says.
    relationship: str = "Data"
    moment: dt.datetime | None = None

    @classmethod
    def json(cls, name: str, data: dict, **kwargs) -> PdfAttachment:
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str)
        return cls(name=name, content=text.encode(), **kwargs)


def render_html(template_name: str, context: dict, *, fonts_dir: str | None = None) -> str:
    """The HTML of a PDF template (cheap: no layout), e.g. to keep it as the signed text."""
    return render_to_string(
        template_name, {**context, "fonts_dir": fonts_dir or FONTS_DIR.as_uri()}
    )


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template that extends ``pdf/base.html`` to PDF bytes; same look on every machine."""
    return html_to_pdf(render_html(template_name, context))


def _language_in_xmp(document, pdf) -> None:
    """Finisher: name the document's language in the XMP packet (``dc:language``)."""
    language = (
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>"
        "</rdf:Description>"
    ).encode()
    for pdf_object in pdf.objects:
        extra = getattr(pdf_object, "extra", None)
        if not extra or extra.get("Type") != "/Metadata":
            continue
        pdf_object.stream = [
            part.replace(b"</rdf:RDF>", language + b"</rdf:RDF>", 1)
            if isinstance(part, bytes)
            else part
            for part in pdf_object.stream
        ]


def html_to_pdf(html: str, *, attachments: tuple[PdfAttachment, ...] = ()) -> bytes:
    """Lay out HTML made by ``render_html`` (or kept with ``STORED_FONTS``) as PDF/A-3a bytes."""
    html = html.replace(f'"{STORED_FONTS}/', f'"{FONTS_DIR.as_uri()}/')
    if settings.PDF_STAND_IN:  # tests only: see core.pdf_stand_in; production pins it off
        from core.pdf_stand_in import stand_in_pdf

        return stand_in_pdf(html)
    from weasyprint import HTML, Attachment
    from weasyprint.text.fonts import FontConfiguration

    files = [
        Attachment(
            string=attachment.content,
            name=attachment.name,
            description=attachment.description or None,
            relationship=attachment.relationship,
            created=attachment.moment,
            modified=attachment.moment,
        )
        for attachment in attachments
    ]
    fonts = FontConfiguration()
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        font_config=fonts,
        pdf_variant=PDF_VARIANT,
        attachments=files or None,
        finisher=_language_in_xmp,
    )
