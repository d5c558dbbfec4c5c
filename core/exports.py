"""Spreadsheet exports that open safely: no cell is ever read as a formula."""

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook

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
    return str(value).replace(".", ",") if isinstance(value, float) else value


def to_xlsx(sheets: dict[str, tuple[Sequence[str], Iterable[Sequence]]]) -> bytes:
    """XLSX with one sheet per entry; text cells are stored as text, never as formulas."""
    workbook = Workbook(write_only=True)
    for title, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([safe_cell(h) for h in header])
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
