"""HTML templates to PDF bytes with WeasyPrint and the fonts the project ships."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template that extends ``pdf/base.html`` to PDF bytes; same look on every machine."""
    html = render_to_string(template_name, {**context, "fonts_dir": FONTS_DIR.as_uri()})
    if settings.PDF_STAND_IN:  # tests only: see core.pdf_stand_in; production pins it off
        from core.pdf_stand_in import stand_in_pdf

        return stand_in_pdf(html)
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=fonts)
