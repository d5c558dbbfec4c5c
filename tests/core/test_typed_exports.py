"""XLSX exports are typed: dates as Excel dates, numbers as numbers, empty as empty."""

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from core.exports import to_csv, to_xlsx


def test_dates_numbers_and_blanks_keep_their_types():
    moment = dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC)  # 12:30 in Moscow
    data = to_xlsx(
        {
            "Лист": (
                ["Дата", "Когда", "Целое", "Дробное", "Деньги", "Пусто", "Текст"],
                [[dt.date(2026, 9, 1), moment, 11, 29.4, Decimal("1250.50"), "", "=1+1"]],
            )
        }
    )
    sheet = load_workbook(io.BytesIO(data)).active
    date, when, whole, fraction, money, empty, text = sheet[2]
    assert date.is_date and date.value == dt.datetime(2026, 9, 1)
    assert date.number_format == "DD.MM.YYYY"
    assert when.is_date and when.value == dt.datetime(2026, 12, 7, 12, 30)
    assert when.number_format == "DD.MM.YYYY HH:MM"
    assert whole.data_type == "n" and whole.value == 11
    assert fraction.data_type == "n" and fraction.value == 29.4
    assert money.data_type == "n" and money.value == 1250.5
    assert empty.value is None
    assert text.value == "'=1+1" and text.data_type == "s"


def test_csv_writes_dates_as_russian_excel_reads_them():
    moment = dt.datetime(2026, 12, 7, 12, 30, tzinfo=ZoneInfo("Europe/Moscow"))
    data = to_csv(["Дата", "Когда", "Сумма"], [[dt.date(2026, 9, 1), moment, Decimal("12.5")]])
    assert data.decode("utf-8-sig").splitlines()[1] == "01.09.2026;07.12.2026 12:30;12,5"
