"""Shared helpers: safe exports, PDF rendering with the shipped font, transition tables."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from core.exports import safe_cell, to_csv, to_xlsx
from core.lifecycle import TransitionError, check_transition
from core.pdf import render_pdf
from core.text import years
from mentoring.models import PairStatus


@pytest.mark.parametrize("text", ["=1+1", "+7 900", "-2", "@SUM(A1)", "\tx"])
def test_text_that_would_start_a_formula_is_neutralised(text):
    assert safe_cell(text) == "'" + text


def test_plain_values_pass_through():
    assert safe_cell("Иванова") == "Иванова"
    assert safe_cell(5) == 5


def test_xlsx_keeps_a_formula_like_name_as_text():
    data = to_xlsx({"Лист": (["ФИО"], [["=HYPERLINK(1)"], ["Петрова"]])})
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == "'=HYPERLINK(1)"
    assert sheet["A2"].data_type == "s"
    assert sheet["A3"].value == "Петрова"


def test_csv_is_utf8_with_bom_and_semicolons():
    data = to_csv(["ФИО", "Стаж"], [["=cmd", 3]])
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines() == ["ФИО;Стаж", "'=cmd;3"]


def test_csv_writes_fractions_with_a_decimal_comma_for_russian_excel():
    data = to_csv(["Доля, %", "Пар"], [[29.4, 12]]).decode("utf-8-sig")
    assert data.splitlines()[1] == "29,4;12"


@pytest.mark.real_pdf
def test_pdf_embeds_the_shipped_serif_font():
    pdf = render_pdf("pdf/_font_probe.html", {})
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {
        str(font.get_object().get("/BaseFont"))
        for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    # The @font-face family of pdf/base.html, loaded from static/fonts: no system fallback.
    assert any(name.endswith("+DocSerif") for name in fonts), fonts
    assert "Проверка шрифта: Приказ №1" in reader.pages[0].extract_text()


def test_transition_table_allows_listed_moves_and_explains_others():
    allowed = {PairStatus.PROPOSED: {PairStatus.AGREED}}
    check_transition(allowed, PairStatus.PROPOSED, PairStatus.AGREED, labels=PairStatus)
    with pytest.raises(TransitionError) as error:
        check_transition(allowed, PairStatus.PROPOSED, PairStatus.CLOSED, labels=PairStatus)
    assert "«Предложена»" in error.value.messages[0]
    assert "«Завершена»" in error.value.messages[0]


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "1 год"),
        (2, "2 года"),
        (4, "4 года"),
        (5, "5 лет"),
        (11, "11 лет"),
        (14, "14 лет"),
        (21, "21 год"),
        (22, "22 года"),
        (25, "25 лет"),
        (0, "0 лет"),
        (101, "101 год"),
    ],
)
def test_years_agree_with_the_number_in_russian(number, expected):
    assert years(number) == expected
