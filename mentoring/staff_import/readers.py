"""Turn an uploaded file (XLSX, XLS, CSV) into a table of raw cells, nothing interpreted yet."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.core.exceptions import ValidationError

MAX_BYTES = 5 * 1024 * 1024
FORMATS_TEXT = (
    "XLSX, XLS (например, выгрузка из 1С) или CSV (разделитель «;» или «,», кодировка UTF-8 "
    "или Windows-1251)"
)


class Formula(str):
    """A cell holding a formula («=A1»), not a value: the planner reports it in Russian."""


def _formula_or_value(value):
    """A CSV cell starting with «=» is what a spreadsheet would take for a formula."""
    if isinstance(value, str) and len(value.strip()) > 1 and value.strip().startswith("="):
        return Formula(value.strip())
    return value


def read_table(name: str, data: bytes) -> list[list]:
    """Return the first sheet's rows as lists of cells; raise ValidationError in Russian."""
    if not data:
        raise ValidationError(
            "Файл пустой. Выберите файл со списком сотрудников.", code="empty_file"
        )
    if len(data) > MAX_BYTES:
        raise ValidationError("Файл больше 5 МБ. Разделите список на части.", code="too_big")
    lower = name.lower()
    if lower.endswith(".xlsx") or data[:4] == b"PK\x03\x04" and not lower.endswith(".csv"):
        if not lower.endswith(".xlsx"):
            raise _unsupported()
        return _read_xlsx(data)
    if lower.endswith(".xls"):
        return _read_xls(data)
    if lower.endswith((".csv", ".txt")):
        return _read_csv(data)
    raise _unsupported()


def _unsupported() -> ValidationError:
    return ValidationError(
        "Этот формат файла не поддерживается. Загрузите список сотрудников в формате "
        f"{FORMATS_TEXT}.",
        code="bad_format",
    )


def _read_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        # Formulas as written (not their cached results, which a generated file lacks and an
        # edited one may have stale): a formula cell is reported, never read as empty.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        return [
            [
                Formula(str(cell.value))
                if getattr(cell, "data_type", None) == "f"
                else getattr(cell, "value", None)
                for cell in row
            ]
            for row in sheet.iter_rows()
        ]
    except Exception as exc:
        raise ValidationError(
            "Файл XLSX не читается: возможно, он повреждён или это другой формат. "
            "Сохраните список заново в Excel как «Книга Excel (.xlsx)».",
            code="bad_xlsx",
        ) from exc


def _read_xls(data: bytes) -> list[list]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data)
    except Exception as exc:
        raise ValidationError(
            "Файл XLS не читается: возможно, он повреждён или это другой формат. "
            "Сохраните список заново как «Книга Excel (.xlsx)».",
            code="bad_xls",
        ) from exc
    sheet = book.sheet_by_index(0)
    rows = []
    for r in range(sheet.nrows):
        row = []
        for c in range(sheet.ncols):
            cell = sheet.cell(r, c)
            if cell.ctype == xlrd.XL_CELL_DATE:
                row.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                row.append(None)
            else:
                row.append(cell.value)
        rows.append(row)
    return rows


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")


def _read_csv(data: bytes) -> list[list]:
    text = _decode(data)
    sample = "\n".join(text.splitlines()[:20])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [[_formula_or_value(cell) for cell in row] for row in reader]


def cell_text(value) -> str:
    """A cell as the text a person typed: numbers without «.0», dates as ДД.ММ.ГГГГ."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return " ".join(str(value).split())
