"""Write the staff lists the tests import, in the shapes Russian kindergartens keep them.

Run it from the project's root after changing a list below; it rewrites the three files beside
it byte for byte the same every time (``tests/mentoring/test_staff_import.py`` checks that the
committed files are what it writes):

    .venv/bin/python tests/data/make_staff_files.py

- ``staff-excel-cp1251.csv``: a sheet a curator typed in Excel and saved as «CSV (разделители —
  запятые)»: Windows-1251, «;» between cells, CRLF, title rows above the header, the whole name
  in one «ФИО» column, dates as ДД.ММ.ГГГГ, decimal commas («28,5» years, «0,5» of a rate).
- ``staff-1c-export.xls``: the «Список сотрудников» report of 1С:Зарплата и кадры saved as an old
  binary Excel file: sheet «TDSheet», title and parameter rows, each heading merged over two
  rows, «Табельный номер», «Дата приема» as a date, birth dates as «12.03.1975 0:00:00»,
  experience as «28 лет 6 мес. 3 дн.».
- ``staff-list.xlsx``: the list the kindergarten keeps in Excel: merged title rows, one
  «Ф.И.О.» column (two names in capitals with stray spaces), experience as «28 л. 6 мес.»,
  hire dates as spreadsheet dates, two typed by hand («с 16.08.2015», «14.09.20»), a signature
  line below.

Every list ends with an empty line and a totals line. The people are invented; the tests
assert the values written here, so change both together.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CSV_NAME = "staff-excel-cp1251.csv"
XLS_NAME = "staff-1c-export.xls"
XLSX_NAME = "staff-list.xlsx"

ORGANIZATION = (
    "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 12 «Берёзка»"
)
SHORT_NAME = "МБДОУ «Детский сад № 12 «Берёзка»"
TITLE = "Список сотрудников на 01.09.2026"
# A fixed moment for the files' own metadata, so that the output never changes by itself.
WRITTEN_AT = dt.datetime(2026, 9, 1, 9, 0, 0)


def d(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d.%m.%Y").date()


# --- the CSV a curator typed --------------------------------------------------------------------

CSV_HEADER = [
    "№ п/п",
    "ФИО",
    "Должность",
    "Ставка",
    "Дата рождения",
    "Дата приема",
    "Общий стаж, лет",
    "Педагогический стаж, лет",
    "Образование",
    "Квалификационная категория",
    "E-mail",
]
CSV_PEOPLE = [
    # ФИО, должность, ставка, рождение, приём, общий, пед., образование, категория, e-mail
    (
        "Соколова Ирина Викторовна",
        "Старший воспитатель",
        "1",
        "12.03.1975",
        "15.08.2003",
        "28,5",
        "26",
        "Высшее, Шуйский гос. пед. университет, 1997",
        "Высшая",
        "sokolova@berezka12.example",
    ),
    (
        "Григорьева Людмила Ивановна",
        "Воспитатель",
        "1",
        "08.05.1962",
        "21.08.1985",
        "41,2",
        "41,2",
        "Среднее специальное",
        "Высшая",
        "",
    ),
    (
        "Лебедева Наталья Павловна   ",
        "Воспитатель",
        "1",
        "25.12.1968",
        "01.03.1994",
        "35",
        "32,5",
        "Среднее специальное",
        "Высшая",
        "lebedeva@berezka12.example",
    ),
    (
        "Ёлкина Вера Степановна",
        "Воспитатель",
        "1",
        "19.10.1985",
        "09.01.2013",
        "16,3",
        "12,8",
        "Высшее педагогическое",
        "соответствие занимаемой должности",
        "yolkina@berezka12.example",
    ),
    (
        "Морозова Татьяна Евгеньевна",
        "Воспитатель",
        "1",
        "14.02.1990",
        "16.08.2015",
        "12,1",
        "10,9",
        "Высшее, переподготовка «Дошкольное образование», 2016",
        "Первая",
        "morozova@berezka12.example",
    ),
    (
        "Тихонова Юлия Александровна",
        "Воспитатель",
        "1",
        "27.04.1993",
        "14.09.2020",
        "9,5",
        "5,3",
        "Высшее, ИвГУ, 2015",
        "Первая",
        "tikhonova@berezka12.example",
    ),
    (
        "Королёва Алёна Дмитриевна",
        "Воспитатель",
        "1",
        "05.11.1996",
        "01.09.2018",
        "8",
        "8",
        "Ср.-проф., Ивановский пед. колледж, 2016",
        "Первая",
        "koroleva@berezka12.example",
    ),
    (
        "Зайцева Екатерина Олеговна",
        "Воспитатель",
        "1",
        "09.09.2004",
        "01.07.2026",
        "0,2",
        "0,2",
        "н/высшее (студентка 3 курса ШГПУ)",
        "",
        "zaitseva@berezka12.example",
    ),
    (
        "Фёдоров Артём Игоревич",
        "Музыкальный руководитель",
        "1,5",
        "03.04.1979",
        "19.09.2011",
        "24,7",
        "15,2",
        "Среднее специальное",
        "Первая",
        "fedorov@berezka12.example",
    ),
    (
        "Петров Сергей Николаевич",
        "Инструктор по физической культуре",
        "0,75",
        "22.07.1988",
        "10.01.2020",
        "14,4",
        "6,6",
        "Высшее, ИГЭУ, 2010",
        "СЗД",
        "petrov@berezka12.example",
    ),
    (
        "Белова-Сёмина Ольга Андреевна",
        "Учитель-логопед",
        "1",
        "30.01.1983",
        "02.09.2008",
        "20,3",
        "18",
        "Высшее, ШГПУ, 2005, «Логопедия»",
        "Высшая",
        "belova-semina@berezka12.example",
    ),
    (
        "Ким Анастасия",
        "Педагог-психолог",
        "0,5",
        "17.06.1999",
        "01.10.2024",
        "2,3",
        "1,9",
        "Высшее (бакалавриат), психология",
        "б/к",
        "kim.a@berezka12.example",
    ),
]


def make_csv() -> bytes:
    width = len(CSV_HEADER)

    def line(*cells) -> list[str]:
        return [*cells, *[""] * (width - len(cells))]

    rows = [line(ORGANIZATION), line(TITLE), line(), CSV_HEADER]
    rows += [[str(number), *person] for number, person in enumerate(CSV_PEOPLE, start=1)]
    rows += [line(), line("", "Итого: 12 человек", "", "11,75")]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("cp1251")


# --- the 1С report --------------------------------------------------------------------------

XLS_HEADER = [
    "№ п/п",
    "ФИО",
    "Табельный номер",
    "Подразделение",
    "Должность",
    "Дата приема",
    "Дата рождения",
    "Стаж общий",
    "Стаж педагогический",
]
XLS_PEOPLE = [
    # ФИО, табельный номер, подразделение, должность, приём, рождение, стаж общий, пед. стаж
    # (years, months, days). 1С sorts the report by name.
    (
        "Белова-Сёмина Ольга Андреевна",
        "0000-00009",
        "Педагогический персонал",
        "Учитель-логопед",
        "02.09.2008",
        "30.01.1983",
        (20, 3, 11),
        (18, 0, 2),
    ),
    (
        "Григорьева Людмила Ивановна",
        "0000-00002",
        "Группа № 5 «Пчёлка»",
        "Воспитатель",
        "21.08.1985",
        "08.05.1962",
        (41, 2, 0),
        (41, 2, 0),
    ),
    (
        "Ёлкина Вера Степановна",
        "0000-00013",
        "Группа № 2 «Солнышко»",
        "Воспитатель",
        "09.01.2013",
        "19.10.1985",
        (16, 3, 4),
        (12, 9, 21),
    ),
    (
        "Зайцева Екатерина Олеговна",
        "0000-00035",
        "Группа № 1 «Капелька»",
        "Воспитатель",
        "01.07.2026",
        "09.09.2004",
        (0, 2, 0),
        (0, 2, 0),
    ),
    (
        "Ким Анастасия",
        "0000-00031",
        "Педагогический персонал",
        "Педагог-психолог",
        "01.10.2024",
        "17.06.1999",
        (2, 4, 15),
        (1, 11, 0),
    ),
    (
        "Королёва Алёна Дмитриевна",
        "0000-00017",
        "Группа № 3 «Ромашка»",
        "Воспитатель",
        "01.09.2018",
        "05.11.1996",
        (8, 0, 0),
        (8, 0, 0),
    ),
    (
        "Лебедева Наталья Павловна",
        "0000-00001",
        "Группа № 4 «Радуга»",
        "Воспитатель",
        "01.03.1994",
        "25.12.1968",
        (35, 0, 5),
        (32, 6, 0),
    ),
    (
        "Морозова Татьяна Евгеньевна",
        "0000-00014",
        "Группа № 2 «Солнышко»",
        "Воспитатель",
        "16.08.2015",
        "14.02.1990",
        (12, 1, 16),
        (10, 11, 3),
    ),
    (
        "Петров Сергей Николаевич",
        "0000-00021",
        "Педагогический персонал",
        "Инструктор по физической культуре",
        "10.01.2020",
        "22.07.1988",
        (14, 5, 0),
        (6, 7, 22),
    ),
    (
        "Соколова Ирина Викторовна",
        "0000-00003",
        "Администрация",
        "Старший воспитатель",
        "15.08.2003",
        "12.03.1975",
        (28, 6, 3),
        (26, 0, 17),
    ),
    (
        "Тихонова Юлия Александровна",
        "0000-00024",
        "Группа № 4 «Радуга»",
        "Воспитатель",
        "14.09.2020",
        "27.04.1993",
        (9, 6, 0),
        (5, 4, 9),
    ),
    (
        "Фёдоров Артём Игоревич",
        "0000-00012",
        "Педагогический персонал",
        "Музыкальный руководитель",
        "19.09.2011",
        "03.04.1979",
        (24, 8, 14),
        (15, 2, 1),
    ),
    (
        "Фролова Галина Романовна",
        "0000-00005",
        "Администрация",
        "Заведующий",
        "01.06.2012",
        "11.11.1970",
        (33, 2, 0),
        (30, 0, 0),
    ),
]


def _plural(number: int, one: str, few: str, many: str) -> str:
    n = number % 100
    if 11 <= n <= 14:
        return many
    return {1: one, 2: few, 3: few, 4: few}.get(n % 10, many)


def experience_1c(years: int, months: int, days: int) -> str:
    """«28 лет 6 мес. 3 дн.», «1 год 0 мес. 0 дн.» as the 1С report writes a length of service."""
    return f"{years} {_plural(years, 'год', 'года', 'лет')} {months} мес. {days} дн."


def make_xls() -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("TDSheet")
    bold = xlwt.easyxf("font: bold on")
    heading = xlwt.easyxf(
        "font: bold on; align: wrap on, vert centre, horiz centre; "
        "borders: left thin, right thin, top thin, bottom thin; "
        "pattern: pattern solid, fore_colour light_yellow"
    )
    cell = xlwt.easyxf("borders: left thin, right thin, top thin, bottom thin")
    date = xlwt.easyxf(
        "borders: left thin, right thin, top thin, bottom thin", num_format_str="DD.MM.YYYY"
    )
    last = len(XLS_HEADER) - 1
    sheet.write_merge(0, 0, 0, last, ORGANIZATION, bold)
    sheet.write_merge(1, 1, 0, last, TITLE, bold)
    sheet.write_merge(2, 2, 0, last, f"Параметры: Организация: {SHORT_NAME}; Дата: 01.09.2026")
    for column, text in enumerate(XLS_HEADER):
        sheet.write_merge(4, 5, column, column, text, heading)
    for offset, person in enumerate(XLS_PEOPLE):
        name, number, unit, position, hired, born, total, teaching = person
        row = 6 + offset
        sheet.write(row, 0, offset + 1, cell)
        sheet.write(row, 1, name, cell)
        sheet.write(row, 2, number, cell)
        sheet.write(row, 3, unit, cell)
        sheet.write(row, 4, position, cell)
        sheet.write(row, 5, dt.datetime.combine(d(hired), dt.time()), date)
        sheet.write(row, 6, f"{born} 0:00:00", cell)
        sheet.write(row, 7, experience_1c(*total), cell)
        sheet.write(row, 8, experience_1c(*teaching), cell)
    bottom = 6 + len(XLS_PEOPLE) + 1
    sheet.write_merge(bottom, bottom, 0, 1, f"Итого: {len(XLS_PEOPLE)}", bold)
    for column, width in enumerate((6, 36, 16, 28, 34, 12, 20, 20, 20)):
        sheet.col(column).width = width * 256
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- the kindergarten's own Excel list ------------------------------------------------------

XLSX_HEADER = [
    "№ п/п",
    "Ф.И.О.",
    "Должность",
    "Образование",
    "Квалификационная категория",
    "Дата приёма на работу",
    "Стаж общий",
    "Стаж педагогический",
    "Телефон",
]
XLSX_PEOPLE = [
    # Ф.И.О., должность, образование, категория, приём (a date, or text as typed),
    # стаж общий, стаж пед., телефон
    (
        "Соколова Ирина Викторовна",
        "Старший воспитатель",
        "Высшее, ШГПУ, 1997, «Педагогика и методика дошкольного образования»",
        "Высшая, 24.04.2024",
        d("15.08.2003"),
        "28 л. 6 мес.",
        "26 л. 0 мес.",
        "8-915-204-11-37",
    ),
    (
        "  ГРИГОРЬЕВА ЛЮДМИЛА ИВАНОВНА ",
        "Воспитатель",
        "Ср.-проф., Шуйское пед. училище, 1981",
        "Высшая, 26.10.2022",
        d("21.08.1985"),
        "41 л. 2 мес.",
        "41 л. 2 мес.",
        "8-915-318-40-02",
    ),
    (
        "Лебедева Наталья Павловна   ",
        "воспитатель",
        "Среднее специальное",
        "Высшая, 26.10.2022",
        d("01.03.1994"),
        "35 л. 0 мес.",
        "32 л. 6 мес.",
        "8-915-402-77-19",
    ),
    (
        "Ёлкина Вера Степановна",
        "Воспитатель",
        "Высшее педагогическое",
        "СЗД",
        d("09.01.2013"),
        "16 л. 3 мес.",
        "12 л. 9 мес.",
        "8-915-117-63-58",
    ),
    (
        "Морозова Татьяна Евгеньевна",
        "Воспитатель",
        "Высшее, переподготовка «Дошкольное образование», 2016",
        "1 кв. категория",
        "с 16.08.2015",
        "12 л. 1 мес.",
        "10 л. 11 мес.",
        "8-915-550-21-84",
    ),
    (
        "Тихонова Юлия Александровна",
        "Воспитатель",
        "Высшее, ИвГУ, 2015",
        "первая, 2023",
        "14.09.20",
        "9 л. 6 мес.",
        "5 л. 4 мес.",
        "8-915-236-90-45",
    ),
    (
        "Королёва Алёна Дмитриевна",
        "Воспитатель",
        "Ср.-проф., Ивановский пед. колледж, 2016",
        "первая, 2023",
        d("01.09.2018"),
        "8 л. 0 мес.",
        "8 л. 0 мес.",
        "8-915-671-08-33",
    ),
    (
        "Зайцева Екатерина Олеговна",
        "Воспитатель",
        "н/высшее (студентка 3 курса ШГПУ)",
        "б/к",
        d("01.07.2026"),
        "нет",
        "нет",
        "8-915-784-15-60",
    ),
    (
        "Фёдоров Артём Игоревич",
        "Музыкальный руководитель",
        "Ср.-проф., музыкальное училище им. Гнесиных, 1998",
        "первая, 2023",
        d("19.09.2011"),
        "24 л. 8 мес.",
        "15 л. 2 мес.",
        "8-915-893-52-07",
    ),
    (
        "Петров Сергей Николаевич",
        "Инструктор по физкультуре",
        "Высшее, ИГЭУ, 2010",
        "СЗД",
        d("10.01.2020"),
        "14 л. 5 мес.",
        "6 л. 7 мес.",
        "8-915-962-34-71",
    ),
    (
        "  БЕЛОВА-СЁМИНА ОЛЬГА АНДРЕЕВНА ",
        "Учитель - логопед",
        "Высшее, ШГПУ, 2005, «Логопедия»",
        "Высшая, 24.04.2024",
        d("02.09.2008"),
        "20 л. 3 мес.",
        "18 л. 0 мес.",
        "8-915-145-86-29",
    ),
    (
        "Ким Анастасия",
        "Педагог-психолог",
        "Высшее (бакалавриат), психология",
        None,
        d("01.10.2024"),
        "2 л. 4 мес.",
        "1 л. 11 мес.",
        None,
    ),
]


def make_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    sheet = book.active
    sheet.title = "Сотрудники"
    last = len(XLSX_HEADER)
    for row, text in ((1, ORGANIZATION), (2, f"{TITLE} г.")):
        sheet.cell(row=row, column=1, value=text).font = Font(bold=True)
        sheet.cell(row=row, column=1).alignment = Alignment(horizontal="center")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for column, text in enumerate(XLSX_HEADER, start=1):
        heading = sheet.cell(row=4, column=column, value=text)
        heading.font, heading.border = Font(bold=True), box
        heading.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for offset, person in enumerate(XLSX_PEOPLE):
        row = 5 + offset
        for column, value in enumerate((offset + 1, *person), start=1):
            target = sheet.cell(row=row, column=column, value=value)
            target.border = box
            if isinstance(value, dt.date):
                target.number_format = "DD.MM.YYYY"
    bottom = 5 + len(XLSX_PEOPLE) + 1
    sheet.cell(row=bottom, column=2, value=f"Итого: {len(XLSX_PEOPLE)} человек").font = Font(
        bold=True
    )
    sheet.cell(row=bottom + 2, column=2, value="Заведующий ____________ /Г. Р. Фролова/")
    for letter, width in zip("ABCDEFGHI", (6, 36, 30, 44, 24, 14, 14, 14, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    book.properties.creator = "Соколова И. В."
    book.properties.created = WRITTEN_AT
    buffer = io.BytesIO()
    book.save(buffer)
    return _steady_zip(buffer.getvalue())


def _steady_zip(data: bytes) -> bytes:
    """The same workbook with the save time and the archive's dates fixed."""
    stamp = WRITTEN_AT.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    content,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=WRITTEN_AT.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()


FILES = {CSV_NAME: make_csv, XLS_NAME: make_xls, XLSX_NAME: make_xlsx}


def main() -> None:
    for name, make in FILES.items():
        (HERE / name).write_bytes(make())
        print(f"{name}: записан")


if __name__ == "__main__":
    main()
