"""Spreadsheet exports that open safely and typed: no cell is ever read as a formula.

In an XLSX a date is an Excel date (with the format ДД.ММ.ГГГГ), a moment a date and time, a
number a number, an empty value an empty cell; each value has its own cell (a register writes
«ознакомлены» and «из» as two numbers, not «0 из 11»). The CSV writes dates as ДД.ММ.ГГГГ.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"

# A spreadsheet evaluates a cell starting with these as a formula (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Return the value, with text that would start a formula prefixed by an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """CSV in UTF-8 with BOM, semicolons and decimal commas, as Russian Excel opens it
    (a «29.4» would become the date 29 April)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([_decimal_comma(safe_cell(v)) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _decimal_comma(value):
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value) if value.tzinfo is not None else value
        return local.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value).replace(".", ",") if isinstance(value, float | Decimal) else value


def _typed_cell(sheet, value):
    """A date or a moment as an Excel date with its format; a number stays a number."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:  # Excel has no time zones: the local wall time
            value = timezone.localtime(value).replace(tzinfo=None)
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if value == "":
        return None
    return safe_cell(value)


def to_xlsx(sheets: dict[str, tuple[Sequence[str], Iterable[Sequence]]]) -> bytes:
    """XLSX with one sheet per entry; text cells are stored as text, never as formulas."""
    workbook = Workbook(write_only=True)
    for title, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([safe_cell(h) for h in header])
        for row in rows:
            sheet.append([_typed_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
