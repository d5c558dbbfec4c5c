"""The PDF stand-in: on in the tests unless a test is marked real_pdf, off everywhere else."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.pdf import render_pdf
from core.pdf_stand_in import PRODUCER, stand_in_pdf
from tests.test_production_settings import GOOD

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import io
import django
django.setup()
from django.conf import settings
from pypdf import PdfReader
from core.pdf import render_pdf
pdf = render_pdf("pdf/_font_probe.html", {})
print(settings.PDF_STAND_IN, PdfReader(io.BytesIO(pdf)).metadata.producer, sep="|")
"""


def _render_outside_the_tests(settings_module: str, **env) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in GOOD and k != "DEBUG"}
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("settings_module", "env"),
    [("config.settings_production", GOOD), ("config.settings", {})],
    ids=["production", "default"],
)
def test_outside_the_tests_every_pdf_is_rendered_by_weasyprint(settings_module, env):
    stand_in, producer = _render_outside_the_tests(settings_module, **env).split("|")
    assert stand_in == "False"
    assert producer.startswith("WeasyPrint"), producer


def test_a_test_gets_the_stand_in_which_keeps_the_pages_text():
    reader = PdfReader(io.BytesIO(render_pdf("pdf/_font_probe.html", {})), strict=True)
    assert reader.metadata.producer == PRODUCER
    assert reader.pages[0].extract_text() == "Проверка шрифта: Приказ №1\n"


@pytest.mark.real_pdf
def test_a_test_marked_real_pdf_gets_weasyprint():
    reader = PdfReader(io.BytesIO(render_pdf("pdf/_font_probe.html", {})))
    assert reader.metadata.producer.startswith("WeasyPrint")


def test_the_stand_in_keeps_rows_and_cells_and_starts_a_page_at_a_page_break():
    html = (
        "<html><head><title>Не текст</title><style>p { color: red }</style></head><body>"
        "<h1>Приказ №12-од</h1><p>Ёлка &amp; «ель» —\n до 01.10.2026</p>"
        "<table><tr><th>ФИО</th><th>Должность</th></tr>"
        "<tr><td>Иванова Анна</td><td>воспитатель</td></tr></table>"
        '<div class="page-break"><p>Лист ознакомления</p></div></body></html>'
    )
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(stand_in_pdf(html))).pages]
    assert pages == [
        "Приказ №12-од\nЁлка & «ель» — до 01.10.2026\nФИО Должность\nИванова Анна воспитатель\n",
        "Лист ознакомления\n",
    ]
