"""Staff import on the project's own staff files (tests/data/), then on broken copies of them.

The files are written by ``tests/data/make_staff_files.py``; every value asserted here was read
off those files by hand, not taken from the importer.
"""

import datetime as dt
import io
from pathlib import Path

import pytest
import xlwt
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from mentoring import staff_import
from mentoring.models import Category, Education, Position, StaffImportSettings, StaffMember

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data"
CSV = DATA / "staff-excel-cp1251.csv"  # typed in Excel, saved as CSV: cp1251, «;»
XLS = DATA / "staff-1c-export.xls"  # the 1С report «Список сотрудников», old binary Excel
XLSX = DATA / "staff-list.xlsx"  # the kindergarten's own list in Excel

# The staff list as the curator reads it after importing staff-list.xlsx, in the list's order
# (Ё sorts with Е): name; position; hired; total and teaching years; education; category.
XLSX_PEOPLE = [
    ("Белова-Сёмина Ольга Андреевна", Position.SPEECH_THERAPIST, dt.date(2008, 9, 2), 20, 18,
     Education.HIGHER_PEDAGOGICAL, Category.HIGHEST),
    ("Григорьева Людмила Ивановна", Position.EDUCATOR, dt.date(1985, 8, 21), 41, 41,
     Education.SECONDARY_PEDAGOGICAL, Category.HIGHEST),
    ("Ёлкина Вера Степановна", Position.EDUCATOR, dt.date(2013, 1, 9), 16, 12,
     Education.HIGHER_PEDAGOGICAL, Category.CONFORMITY),
    ("Зайцева Екатерина Олеговна", Position.EDUCATOR, dt.date(2026, 7, 1), 0, 0,
     Education.STUDENT, Category.NONE),
    ("Ким Анастасия", Position.PSYCHOLOGIST, dt.date(2024, 10, 1), 2, 1,
     Education.HIGHER_PEDAGOGICAL, Category.NONE),
    ("Королёва Алёна Дмитриевна", Position.EDUCATOR, dt.date(2018, 9, 1), 8, 8,
     Education.SECONDARY_PEDAGOGICAL, Category.FIRST),
    ("Лебедева Наталья Павловна", Position.EDUCATOR, dt.date(1994, 3, 1), 35, 32,
     Education.SECONDARY, Category.HIGHEST),
    ("Морозова Татьяна Евгеньевна", Position.EDUCATOR, dt.date(2015, 8, 16), 12, 10,
     Education.HIGHER_PEDAGOGICAL, Category.FIRST),
    ("Петров Сергей Николаевич", Position.PE_INSTRUCTOR, dt.date(2020, 1, 10), 14, 6,
     Education.HIGHER, Category.CONFORMITY),
    ("Соколова Ирина Викторовна", Position.SENIOR_EDUCATOR, dt.date(2003, 8, 15), 28, 26,
     Education.HIGHER_PEDAGOGICAL, Category.HIGHEST),
    ("Тихонова Юлия Александровна", Position.EDUCATOR, dt.date(2020, 9, 14), 9, 5,
     Education.HIGHER, Category.FIRST),
    ("Фёдоров Артём Игоревич", Position.MUSIC, dt.date(2011, 9, 19), 24, 15,
     Education.SECONDARY, Category.FIRST),
]  # fmt: skip


def _parse(org, path_or_name, data=None, **kwargs):
    if data is None:
        data = Path(path_or_name).read_bytes()
    return staff_import.parse(organization=org, name=Path(path_or_name).name, data=data, **kwargs)


def _import(org, path_or_name, data=None, **kwargs):
    result = _parse(org, path_or_name, data, **kwargs)
    return result, staff_import.staff_import_apply(organization=org, result=result)


def _person(org, last_name, first_name, **more):
    return StaffMember.objects.get(
        organization=org, last_name=last_name, first_name=first_name, **more
    )


def _staff_list(org):
    return list(StaffMember.objects.filter(organization=org))


def _broken_xlsx(tmp_path, edits: dict[str, object]) -> Path:
    """A copy of the kindergarten's list with some cells changed."""
    workbook = load_workbook(XLSX)
    sheet = workbook.worksheets[0]
    for cell, value in edits.items():
        sheet[cell] = value
    path = tmp_path / "broken.xlsx"
    workbook.save(path)
    return path


def test_the_committed_files_are_what_the_generator_writes():
    from tests.data import make_staff_files

    for name, make in make_staff_files.FILES.items():
        assert (DATA / name).read_bytes() == make(), f"run tests/data/make_staff_files.py: {name}"


# --- the kindergarten's Excel list (.xlsx) -----------------------------------------------------


def test_every_person_of_the_xlsx_list_is_imported_without_edits(org):
    result, report = _import(org, XLSX)
    assert result.errors == [] and result.error_rows == []
    assert (report.added, report.updated, report.failed) == (12, 0, [])
    staff = _staff_list(org)
    assert [
        (
            s.full_name,
            s.position,
            s.date_hired,
            s.total_experience_years,
            s.teaching_experience_years,
            s.education,
            s.qualification_category,
        )
        for s in staff
    ] == XLSX_PEOPLE


def test_the_xlsx_header_is_found_below_the_title_rows_and_the_totals_are_not_people(org):
    result = _parse(org, XLSX)
    assert result.header_row == 4
    assert result.mapping == {
        1: "full_name",
        2: "position",
        3: "education",
        4: "qualification_category",
        5: "date_hired",
        6: "total_experience",
        7: "teaching_experience",
        8: "phone",
    }
    assert result.skipped == [
        "Строка 18 пропущена: в ней заполнена одна ячейка («Итого: 12 человек»), "
        "это не похоже на сотрудника.",
        "Строка 20 пропущена: в ней заполнена одна ячейка («Заведующий ____________ "
        "/Г. Р. Фролова/»), это не похоже на сотрудника.",
    ]


def test_names_in_capitals_with_stray_spaces_hyphens_and_no_patronymic_are_split(org):
    _import(org, XLSX)
    belova = _person(org, "Белова-Сёмина", "Ольга")  # «  БЕЛОВА-СЁМИНА ОЛЬГА АНДРЕЕВНА »
    assert (belova.middle_name, belova.short_name) == ("Андреевна", "Белова-Сёмина О. А.")
    assert _person(org, "Григорьева", "Людмила").middle_name == "Ивановна"
    assert _person(org, "Лебедева", "Наталья").middle_name == "Павловна"  # trailing spaces
    kim = _person(org, "Ким", "Анастасия")
    assert (kim.middle_name, kim.short_name, kim.phone) == ("", "Ким А.", "")
    assert _person(org, "Соколова", "Ирина").phone == "8-915-204-11-37"


# --- the curator's CSV (Windows-1251, «;») --------------------------------------------------


def test_every_person_of_the_windows_1251_csv_is_imported_without_edits(org):
    result, report = _import(org, CSV)
    assert (result.header_row, result.error_rows) == (4, [])
    assert result.mapping == {
        1: "full_name",
        2: "position",
        4: "birth_date",
        5: "date_hired",
        6: "total_experience",
        7: "teaching_experience",
        8: "education",
        9: "qualification_category",
        10: "email",
    }
    assert result.skipped == [
        "Строка 18 пропущена: в ней заполнена одна ячейка («Итого: 12 человек»), "
        "это не похоже на сотрудника."
    ]
    assert (report.added, report.updated) == (12, 0)
    assert [s.full_name for s in _staff_list(org)] == [p[0] for p in XLSX_PEOPLE]


def test_decimal_commas_and_dates_of_the_csv_are_read_as_written(org):
    _import(org, CSV)
    sokolova = _person(org, "Соколова", "Ирина")  # «28,5» and «26» years
    assert (sokolova.total_experience_years, sokolova.teaching_experience_years) == (28, 26)
    assert (sokolova.birth_date, sokolova.date_hired) == (
        dt.date(1975, 3, 12),
        dt.date(2003, 8, 15),
    )
    assert sokolova.email == "sokolova@berezka12.example"
    lebedeva = _person(org, "Лебедева", "Наталья")  # «35» and «32,5»
    assert (lebedeva.total_experience_years, lebedeva.teaching_experience_years) == (35, 32)
    zaitseva = _person(org, "Зайцева", "Екатерина")  # «0,2», no category
    assert (zaitseva.total_experience_years, zaitseva.qualification_category) == (0, Category.NONE)
    assert zaitseva.education == Education.STUDENT
    assert _person(org, "Григорьева", "Людмила").email == ""
    assert _person(org, "Ким", "Анастасия").birth_date == dt.date(1999, 6, 17)
    assert _person(org, "Фёдоров", "Артём").position == Position.MUSIC


def test_importing_the_csv_again_updates_the_same_people_instead_of_duplicating(org):
    _import(org, CSV)
    ids = set(StaffMember.objects.filter(organization=org).values_list("pk", flat=True))
    result, report = _import(org, CSV)
    assert (result.to_create, result.to_update) == (0, 12)
    assert (report.added, report.updated) == (0, 12)
    assert set(StaffMember.objects.filter(organization=org).values_list("pk", flat=True)) == ids


def test_the_csv_after_the_xlsx_updates_those_people_and_keeps_their_phones(org):
    _import(org, XLSX)
    _, report = _import(org, CSV)
    assert (report.added, report.updated) == (0, 12)
    assert StaffMember.objects.filter(organization=org).count() == 12
    sokolova = _person(org, "Соколова", "Ирина")
    assert sokolova.email == "sokolova@berezka12.example"
    assert sokolova.phone == "8-915-204-11-37"
    assert sokolova.birth_date == dt.date(1975, 3, 12)


# --- the 1С report (.xls) -------------------------------------------------------------------


def test_every_person_of_the_1c_report_is_imported_with_personnel_numbers(org):
    result, report = _import(org, XLS)
    assert result.header_row == 5 and result.error_rows == [] and result.skipped == []
    assert result.mapping == {
        1: "full_name",
        2: "personnel_number",
        4: "position",
        5: "date_hired",
        6: "birth_date",
        7: "total_experience",
        8: "teaching_experience",
    }
    assert (report.added, report.updated) == (13, 0)
    frolova = StaffMember.objects.get(organization=org, personnel_number="0000-00005")
    assert (frolova.full_name, frolova.position) == ("Фролова Галина Романовна", Position.HEAD)
    assert frolova.birth_date == dt.date(1970, 11, 11)  # «11.11.1970 0:00:00»
    assert frolova.date_hired == dt.date(2012, 6, 1)
    assert (frolova.total_experience_years, frolova.teaching_experience_years) == (33, 30)


def test_experience_of_the_1c_report_is_read_from_years_months_and_days(org):
    _import(org, XLS)
    fedorov = StaffMember.objects.get(organization=org, personnel_number="0000-00012")
    # «24 года 8 мес. 14 дн.», «15 лет 2 мес. 1 дн.»
    assert fedorov.full_name == "Фёдоров Артём Игоревич"
    assert (fedorov.total_experience_years, fedorov.teaching_experience_years) == (24, 15)
    kim = StaffMember.objects.get(organization=org, personnel_number="0000-00031")
    # «2 года 4 мес. 15 дн.», «1 год 11 мес. 0 дн.»
    assert (kim.full_name, kim.position) == ("Ким Анастасия", Position.PSYCHOLOGIST)
    assert (kim.total_experience_years, kim.teaching_experience_years) == (2, 1)
    zaitseva = StaffMember.objects.get(organization=org, personnel_number="0000-00035")
    assert zaitseva.total_experience_years == 0  # «0 лет 2 мес. 0 дн.»


def test_the_1c_report_after_the_csv_adds_numbers_to_the_same_people_and_the_head(org):
    _import(org, CSV)
    _, report = _import(org, XLS)
    assert (report.added, report.updated) == (1, 12)
    assert StaffMember.objects.filter(organization=org).count() == 13
    yolkina = _person(org, "Ёлкина", "Вера")
    assert (yolkina.personnel_number, yolkina.email) == ("0000-00013", "yolkina@berezka12.example")
    _, again = _import(org, XLS)
    assert (again.added, again.updated) == (0, 13)


# --- broken copies --------------------------------------------------------------------------


def test_a_broken_copy_lists_row_errors_in_russian_and_imports_the_good_rows(org, tmp_path):
    path = _broken_xlsx(tmp_path, {"F5": "31.02.2019", "C6": "космонавт"})
    result = _parse(org, path)
    errors = {row.number: row.errors for row in result.error_rows}
    assert list(errors) == [5, 6]
    assert errors[5] == [
        "Дата приёма: «31.02.2019» — такой даты нет или она записана непонятно. "
        "Запишите дату в виде ДД.ММ.ГГГГ."
    ]
    assert errors[6][0].startswith("Неизвестная должность «космонавт». Выберите значение")
    assert "«Педагог-психолог»" in errors[6][0]
    report = staff_import.staff_import_apply(organization=org, result=result)
    assert (report.added, report.updated) == (10, 0)
    assert not StaffMember.objects.filter(last_name__in=["Соколова", "Григорьева"]).exists()


def test_the_error_file_holds_the_bad_rows_as_they_were_with_an_error_column(org, tmp_path):
    result = _parse(org, _broken_xlsx(tmp_path, {"F5": "31.02.2019"}))
    sheet = load_workbook(io.BytesIO(staff_import.errors_xlsx(result))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "Ошибки" and rows[0][1] == "Ф.И.О."
    assert len(rows) == 2
    assert rows[1][1] == "Соколова Ирина Викторовна" and rows[1][5] == "31.02.2019"
    assert "такой даты нет" in rows[1][-1]


def test_a_broken_csv_copy_reports_the_bad_date_and_keeps_the_other_rows(org):
    data = CSV.read_bytes().replace(b"15.08.2003", b"15.13.2003")
    result = _parse(org, "staff.csv", data)
    assert [row.number for row in result.error_rows] == [5]
    assert "«15.13.2003» — такой даты нет" in result.error_rows[0].errors[0]
    assert len(result.good_rows) == 11


def test_an_unknown_education_is_named_in_correct_russian_with_the_accepted_values(org):
    data = CSV.read_bytes().replace("Среднее специальное".encode("cp1251"), "ПТУ".encode("cp1251"))
    result = _parse(org, "staff.csv", data)
    message = result.error_rows[0].errors[0]
    assert message.startswith("Неизвестное образование «ПТУ».")
    assert "«Высшее педагогическое», «Высшее»" in message


def test_an_unknown_value_is_asked_once_and_the_choice_applies_to_every_row(org):
    data = CSV.read_bytes().replace("Среднее специальное".encode("cp1251"), "ПТУ".encode("cp1251"))
    result = _parse(org, "staff.csv", data)
    # Григорьева, Лебедева and Фёдоров wrote «Среднее специальное».
    assert [(u.field, u.raw, u.rows) for u in result.unmatched] == [
        ("education", "ПТУ", [6, 7, 13])
    ]
    result = _parse(org, "staff.csv", data, resolutions={"education": {"пту": "secondary"}})
    assert result.error_rows == []
    staff_import.staff_import_apply(organization=org, result=result)
    assert _person(org, "Лебедева", "Наталья").education == Education.SECONDARY
    remembered = StaffImportSettings.objects.get(organization=org)
    assert remembered.values == {"education": {"пту": "secondary"}}
    assert _parse(org, "staff.csv", data).error_rows == []


def test_a_changed_mapping_is_used_and_remembered_for_the_next_upload(org):
    result = _parse(org, XLSX)
    mapping = {i: f for i, f in result.mapping.items() if f != "phone"}
    _, report = _import(org, XLSX, mapping=mapping)
    assert report.added == 12
    assert _person(org, "Соколова", "Ирина").phone == ""
    assert 8 not in _parse(org, XLSX).mapping


def test_a_duplicated_row_is_an_error_of_the_second_row(org, tmp_path):
    path = _broken_xlsx(
        tmp_path, {"B6": "Соколова Ирина Викторовна", "F6": dt.datetime(2003, 8, 15)}
    )
    result = _parse(org, path)
    assert result.error_rows[0].errors == [
        "Этот же сотрудник уже встречается в строке 5: один человек записан дважды."
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("staff.pdf", b"%PDF-1.4", "Этот формат файла не поддерживается"),
        ("staff.csv", b"", "Файл пустой"),
        ("staff.csv", "Кличка;Порода\nА;Б\n".encode(), "Не найдена строка с названиями столбцов"),
        ("staff.csv", "ФИО;Стаж\nИванова Анна;3\n".encode(), "Не выбран столбец «Должность»"),
        ("staff.xlsx", b"not a zip", "Файл XLSX не читается"),
        ("staff.xls", b"not an xls", "Файл XLS не читается"),
        ("staff.csv", "ФИО;Должность\n".encode(), "нет ни одного сотрудника"),
    ],
)
def test_a_file_that_cannot_be_read_gets_a_russian_message(org, name, data, message):
    result = _parse(org, name, data)
    assert not result.is_importable
    assert any(message in e for e in result.errors), result.errors
    with pytest.raises(Exception, match="ничего не сохранено"):
        staff_import.staff_import_apply(organization=org, result=result)


def test_a_real_xls_file_with_dates_is_read(org):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Кадры")
    sheet.write(0, 0, "Список сотрудников")
    for col, heading in enumerate(["ФИО", "Должность", "Дата приема", "Стаж общий"]):
        sheet.write(2, col, heading)
    date_style = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    sheet.write(3, 0, "ОРЛОВА нина  павловна")
    sheet.write(3, 1, "Воспитатель")
    sheet.write(3, 2, dt.datetime(2020, 9, 1), date_style)
    sheet.write(3, 3, 7.0)
    buffer = io.BytesIO()
    book.save(buffer)
    _, report = _import(org, "staff.xls", buffer.getvalue())
    assert report.added == 1
    person = _person(org, "Орлова", "Нина")
    assert (person.date_hired, person.total_experience_years) == (dt.date(2020, 9, 1), 7)


def test_a_comma_separated_utf8_file_with_bom_is_read(org):
    data = "\ufeffФамилия,Имя,Должность,Общий стаж (лет)\nБелова,Дарья,воспитатель,3\n"
    _, report = _import(org, "staff.csv", data.encode("utf-8"))
    assert report.added == 1 and _person(org, "Белова", "Дарья").total_experience_years == 3


def test_the_template_is_recognized_column_by_column(org):
    sheet = load_workbook(io.BytesIO(staff_import.template_xlsx())).worksheets[0]
    workbook = Workbook()
    workbook.active.append([c.value for c in sheet[1]])
    workbook.active.append(
        ["7", "Белова", "Дарья", "", "05.05.1995", "Воспитатель", 3, 3, "", "", "", "", ""]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = _parse(org, "template.xlsx", buffer.getvalue())
    assert len(result.mapping) == 13 and "full_name" not in result.mapping.values()
    assert result.good_rows[0].values["birth_date"] == dt.date(1995, 5, 5)


# --- the command ----------------------------------------------------------------------------


def test_the_command_dry_run_prints_problems_and_saves_nothing(org, tmp_path, capsys):
    path = _broken_xlsx(tmp_path, {"F5": "31.02.2019"})
    call_command("import_staff", str(path), "--org", org.slug, "--dry-run")
    out, err = capsys.readouterr()
    assert "Строка 5 (Соколова Ирина Викторовна):" in err and "такой даты нет" in err
    assert "добавить 11, обновить 0, строк с ошибками 1" in out
    assert not StaffMember.objects.filter(organization=org).exists()


def test_the_command_imports_the_good_rows(org, capsys):
    call_command("import_staff", str(CSV), "--org", org.slug)
    assert "добавлено 12, обновлено 0" in capsys.readouterr().out
    assert StaffMember.objects.filter(organization=org).count() == 12


def test_the_command_fails_when_nothing_can_be_imported(org, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes("ФИО;Должность\nИванова;космонавт\n".encode())
    with pytest.raises(CommandError, match="Ни одну строку загрузить нельзя"):
        call_command("import_staff", str(path), "--org", org.slug)


def test_the_projects_own_demo_list_still_imports_with_its_personnel_numbers(org):
    from mentoring.seeding import DEMO_STAFF_CSV

    result, report = _import(org, DEMO_STAFF_CSV)
    assert result.error_rows == [] and report.added == 18
    person = StaffMember.objects.get(organization=org, personnel_number="0004")
    assert person.last_name == "Соколова" and person.birth_date is not None
    _, again = _import(org, DEMO_STAFF_CSV)
    assert (again.added, again.updated) == (0, 18)
