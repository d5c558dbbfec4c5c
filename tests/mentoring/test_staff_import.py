"""Staff import on the sample files as kindergartens keep them, then on broken copies of them."""

import datetime as dt
import io
from pathlib import Path

import pytest
import xlwt
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from mentoring import staff_import
from mentoring.models import Category, Education, Position, StaffImportSettings, StaffMember
from tests.shared_data import SHARED_DATA

pytestmark = pytest.mark.django_db

DATA = SHARED_DATA
XLSX = DATA / "staff-1c-export.xlsx"
CSV = DATA / "staff-excel-cp1251.csv"


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


def _broken_xlsx(tmp_path, edits: dict[str, object]) -> Path:
    """A copy of the 1C export with some cells changed; the shared file stays as it is."""
    workbook = load_workbook(XLSX)
    sheet = workbook.worksheets[0]
    for cell, value in edits.items():
        sheet[cell] = value
    path = tmp_path / "broken.xlsx"
    workbook.save(path)
    return path


# --- the files as they are ------------------------------------------------------------------


def test_every_person_of_the_1c_export_is_imported_without_edits(org):
    result, report = _import(org, XLSX)
    assert result.errors == [] and result.error_rows == []
    assert (report.added, report.updated, report.failed) == (38, 0, [])
    assert StaffMember.objects.filter(organization=org).count() == 38


def test_the_1c_export_header_is_found_below_the_title_rows_and_mapped(org):
    result = _parse(org, XLSX)
    assert result.header_row == 4
    assert result.mapping == {
        1: "full_name",
        2: "position",
        3: "total_experience",
        4: "teaching_experience",
        5: "education",
        6: "qualification_category",
        7: "date_hired",
        8: "phone",
    }
    assert any("Заведующий" in note and "Строка 44" in note for note in result.skipped)


def test_names_in_capitals_with_stray_spaces_and_double_surnames_are_split_properly(org):
    _import(org, XLSX)
    person = _person(org, "Медведева-Сорокина", "Алёна")
    assert person.middle_name == "Ильинична"
    assert _person(org, "Тимофеева", "Любовь").middle_name == "Ильинична"
    assert _person(org, "Пугачёва", "Майя").middle_name == "Романовна"


def test_values_of_the_1c_export_are_read_the_way_people_wrote_them(org):
    _import(org, XLSX)
    uvarova = _person(
        org, "Уварова", "Нелли"
    )  # «19.06.25», «0 л. 6 мес.», «Ср.-проф., … пед. колледж»
    assert uvarova.date_hired == dt.date(2025, 6, 19)
    assert uvarova.total_experience_years == 0
    assert uvarova.education == Education.SECONDARY_PEDAGOGICAL
    assert uvarova.qualification_category == Category.FIRST
    polyakova = _person(org, "Полякова", "Фаина")  # «с 01.09.2019», «Высшая, 12.04.2022»
    assert polyakova.date_hired == dt.date(2019, 9, 1)
    assert polyakova.qualification_category == Category.HIGHEST
    grishin = _person(org, "Гришин", "Никита")  # «33 л. 7 мес.», spreadsheet date
    assert (grishin.total_experience_years, grishin.teaching_experience_years) == (33, 28)
    assert grishin.date_hired == dt.date(2015, 6, 23)
    assert _person(org, "Абрамова", "Майя").qualification_category == Category.CONFORMITY  # СЗД
    assert _person(org, "Абрамова", "Галина").education == Education.HIGHER_PEDAGOGICAL
    assert _person(org, "Хохлова", "Яна").education == Education.HIGHER  # высшее (бакалавриат)
    assert _person(org, "Никитина", "Эльвира").education == Education.STUDENT
    assert (
        _person(org, "Полякова", "Алла", middle_name="Фёдоровна").position == Position.PSYCHOLOGIST
    )  # «педагог - психолог»
    assert _person(org, "Дмитриева", "Софья").position == Position.ADDITIONAL_ED
    assert _person(org, "Абрамова", "Олеся").phone == ""  # the one missing phone


def test_two_people_with_the_same_name_are_told_apart_by_hire_date(org):
    _import(org, XLSX)
    hired = StaffMember.objects.filter(
        organization=org, last_name="Алексеев", first_name="Никита"
    ).values_list("date_hired", flat=True)
    assert sorted(hired) == [dt.date(2018, 5, 12), dt.date(2018, 12, 4)]


def test_every_person_of_the_windows_1251_csv_is_imported_without_edits(org):
    result, report = _import(org, CSV)
    assert result.header_row == 1 and result.error_rows == []
    assert (report.added, report.updated) == (20, 0)
    assert _person(org, "Никитина", "Эльвира").email == "ped1@raduga7.example"


def test_importing_the_csv_again_updates_the_same_people_instead_of_duplicating(org):
    _import(org, CSV)
    ids = set(StaffMember.objects.filter(organization=org).values_list("pk", flat=True))
    result, report = _import(org, CSV)
    assert (result.to_create, result.to_update) == (0, 20)
    assert (report.added, report.updated) == (0, 20)
    assert set(StaffMember.objects.filter(organization=org).values_list("pk", flat=True)) == ids


def test_the_csv_after_the_1c_export_updates_those_people_and_keeps_their_phones(org):
    _import(org, XLSX)
    _, report = _import(org, CSV)
    assert (report.added, report.updated) == (0, 20)
    assert StaffMember.objects.filter(organization=org).count() == 38
    nikitina = _person(org, "Никитина", "Эльвира")
    assert nikitina.email == "ped1@raduga7.example"
    assert nikitina.phone == "8-910-923-96-31"


# --- broken copies --------------------------------------------------------------------------


def test_a_broken_copy_lists_row_errors_in_russian_and_imports_the_good_rows(org, tmp_path):
    path = _broken_xlsx(tmp_path, {"H5": "31.02.2019", "C6": "космонавт"})
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
    assert (report.added, report.updated) == (36, 0)
    assert not StaffMember.objects.filter(last_name="Никитина").exists()


def test_the_error_file_holds_the_bad_rows_as_they_were_with_an_error_column(org, tmp_path):
    result = _parse(org, _broken_xlsx(tmp_path, {"H5": "31.02.2019"}))
    sheet = load_workbook(io.BytesIO(staff_import.errors_xlsx(result))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "Ошибки" and rows[0][1] == "Фамилия, имя, отчество"
    assert len(rows) == 2
    assert rows[1][1] == "Никитина Эльвира Олеговна" and rows[1][7] == "31.02.2019"
    assert "такой даты нет" in rows[1][-1]


def test_a_broken_csv_copy_reports_the_bad_date_and_keeps_the_other_rows(org):
    data = CSV.read_bytes().replace("20.03.2019".encode("cp1251"), b"20.13.2019")
    result = _parse(org, "staff.csv", data)
    assert [row.number for row in result.error_rows] == [2]
    assert "«20.13.2019» — такой даты нет" in result.error_rows[0].errors[0]
    assert len(result.good_rows) == 19


def test_an_unknown_education_is_named_in_correct_russian_with_the_accepted_values(org):
    data = CSV.read_bytes().replace("Среднее специальное".encode("cp1251"), "ПТУ".encode("cp1251"))
    result = _parse(org, "staff.csv", data)
    message = result.error_rows[0].errors[0]
    assert message.startswith("Неизвестное образование «ПТУ».")
    assert "«Высшее педагогическое», «Высшее»" in message


def test_an_unknown_value_is_asked_once_and_the_choice_applies_to_every_row(org):
    data = CSV.read_bytes().replace("Среднее специальное".encode("cp1251"), "ПТУ".encode("cp1251"))
    result = _parse(org, "staff.csv", data)
    assert [(u.field, u.raw, u.rows) for u in result.unmatched] == [
        ("education", "ПТУ", [5, 9, 13, 14, 16])
    ]
    result = _parse(org, "staff.csv", data, resolutions={"education": {"пту": "secondary"}})
    assert result.error_rows == []
    staff_import.staff_import_apply(organization=org, result=result)
    assert _person(org, "Калинина", "Любовь").education == Education.SECONDARY
    remembered = StaffImportSettings.objects.get(organization=org)
    assert remembered.values == {"education": {"пту": "secondary"}}
    assert _parse(org, "staff.csv", data).error_rows == []


def test_a_changed_mapping_is_used_and_remembered_for_the_next_upload(org):
    result = _parse(org, XLSX)
    mapping = {i: f for i, f in result.mapping.items() if f != "phone"}
    _, report = _import(org, XLSX, mapping=mapping)
    assert report.added == 38
    assert _person(org, "Никитина", "Эльвира").phone == ""
    assert 8 not in _parse(org, XLSX).mapping


def test_a_duplicated_row_is_an_error_of_the_second_row(org, tmp_path):
    path = _broken_xlsx(tmp_path, {"B6": "Никитина Эльвира Олеговна", "H6": "20.03.2019"})
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
    path = _broken_xlsx(tmp_path, {"H5": "31.02.2019"})
    call_command("import_staff", str(path), "--org", org.slug, "--dry-run")
    out, err = capsys.readouterr()
    assert "Строка 5 (Никитина Эльвира Олеговна):" in err and "такой даты нет" in err
    assert "добавить 37, обновить 0, строк с ошибками 1" in out
    assert not StaffMember.objects.filter(organization=org).exists()


def test_the_command_imports_the_good_rows(org, capsys):
    call_command("import_staff", str(CSV), "--org", org.slug)
    assert "добавлено 20, обновлено 0" in capsys.readouterr().out
    assert StaffMember.objects.filter(organization=org).count() == 20


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
