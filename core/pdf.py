"""HTML templates to PDF bytes with WeasyPrint and the fonts the project ships."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template that extends ``pdf/base.html`` to PDF bytes; same look on every machine."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string(template_name, {**context, "fonts_dir": FONTS_DIR.as_uri()})
    fonts = FontConfiguration()
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=fonts)
