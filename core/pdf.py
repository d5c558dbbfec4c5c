"""HTML templates to PDF bytes with WeasyPrint and the fonts the project ships."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"


# Where a stored document's HTML says its fonts are: replaced by FONTS_DIR when it is rendered,
# so HTML kept at signing renders the same after a deploy to another directory.
STORED_FONTS = "dou-fonts:"


def render_html(template_name: str, context: dict, *, fonts_dir: str | None = None) -> str:
    """The HTML of a PDF template (cheap: no layout), e.g. to keep it as the signed text."""
    return render_to_string(
        template_name, {**context, "fonts_dir": fonts_dir or FONTS_DIR.as_uri()}
    )


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template that extends ``pdf/base.html`` to PDF bytes; same look on every machine."""
    return html_to_pdf(render_html(template_name, context))


def html_to_pdf(html: str) -> bytes:
    """Lay out HTML made by ``render_html`` (or kept with ``STORED_FONTS``) as PDF bytes."""
    html = html.replace(f'"{STORED_FONTS}/', f'"{FONTS_DIR.as_uri()}/')
    if settings.PDF_STAND_IN:  # tests only: see core.pdf_stand_in; production pins it off
        from core.pdf_stand_in import stand_in_pdf

        return stand_in_pdf(html)
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=fonts)
