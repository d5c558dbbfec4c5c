"""A formula in a staff list is named as a formula, not taken for an empty name."""

from pathlib import Path

import pytest
from openpyxl import load_workbook

from mentoring import staff_import
from mentoring.staff_import.readers import Formula, read_table

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data"
XLSX = DATA / "staff-list.xlsx"


def _xlsx_with(tmp_path, edits: dict) -> bytes:
    workbook = load_workbook(XLSX)
    sheet = workbook.worksheets[0]
    for cell, value in edits.items():
        sheet[cell] = value
    path = tmp_path / "formula.xlsx"
    workbook.save(path)
    return path.read_bytes()


def _row(result, number):
    return next(r for r in result.rows if r.number == number)


def test_a_formula_in_the_name_of_an_xlsx_is_reported_as_a_formula(org, tmp_path):
    data = _xlsx_with(tmp_path, {"B5": "=A1"})  # row 5: Соколова Ирина Викторовна
    result = staff_import.parse(organization=org, name="spisok.xlsx", data=data)
    row = _row(result, 5)
    assert row.errors == [
        "Ячейка содержит формулу, а не значение: «=A1» (столбец «ФИО (одним столбцом)»). "
        "Замените формулу её значением (в Excel: «Копировать», затем «Вставить значения») "
        "и загрузите файл снова."
    ]
    assert all("Не указана фамилия" not in e for r in result.rows for e in r.errors)
    assert _row(result, 6).errors == []  # the next person is read as before


def test_a_formula_in_another_column_is_reported_beside_the_name(org, tmp_path):
    data = _xlsx_with(tmp_path, {"H6": "=G6-2"})  # Григорьева's teaching experience
    result = staff_import.parse(organization=org, name="spisok.xlsx", data=data)
    row = _row(result, 6)
    assert row.full_name == "Григорьева Людмила Ивановна"
    assert len(row.errors) == 1
    assert row.errors[0].startswith("Ячейка содержит формулу, а не значение: «=G6-2» (столбец")


def test_a_csv_cell_starting_with_equals_is_a_formula(org):
    text = (
        "ФИО;Должность;Дата приема\n"
        '=HYPERLINK("http://example.ru");Воспитатель;01.09.2020\n'
        "Иванова Мария Петровна;Воспитатель;01.09.2021\n"
    )
    result = staff_import.parse(organization=org, name="spisok.csv", data=text.encode())
    first, second = result.rows
    assert first.errors == [
        'Ячейка содержит формулу, а не значение: «=HYPERLINK("http://example.ru")» '
        "(столбец «ФИО (одним столбцом)»). Замените формулу её значением (в Excel: "
        "«Копировать», затем «Вставить значения») и загрузите файл снова."
    ]
    assert second.errors == []


def test_the_reader_keeps_formulas_apart_and_values_as_they_are(tmp_path):
    table = read_table("spisok.xlsx", _xlsx_with(tmp_path, {"B5": "=A1"}))
    assert isinstance(table[4][1], Formula) and table[4][1] == "=A1"
    assert table[5][1] == "  ГРИГОРЬЕВА ЛЮДМИЛА ИВАНОВНА "
    assert not isinstance(table[5][1], Formula)
