"""Staff import: preview with every row's errors, all-or-nothing save, re-import updates."""

import io

import pytest
from openpyxl import Workbook

from mentoring import staff_import
from mentoring.models import Position, StaffMember
from mentoring.seeding import DEMO_STAFF_CSV

pytestmark = pytest.mark.django_db

HEADER = ";".join(staff_import.COLUMNS)


def _csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def test_a_valid_csv_file_is_saved_in_full(org):
    data = DEMO_STAFF_CSV.read_bytes()
    result = staff_import.parse(organization=org, name="staff.csv", data=data)
    assert result.is_valid, [r.errors for r in result.rows]
    added, updated = staff_import.apply(organization=org, result=result)
    assert added == len(result.rows) and updated == 0
    sokolova = StaffMember.objects.get(organization=org, personnel_number="0004")
    assert sokolova.last_name == "Соколова" and sokolova.position == Position.EDUCATOR


def test_importing_the_same_file_again_updates_and_does_not_duplicate(org):
    data = DEMO_STAFF_CSV.read_bytes()
    staff_import.apply(
        organization=org, result=staff_import.parse(organization=org, name="a.csv", data=data)
    )
    count = StaffMember.objects.filter(organization=org).count()
    changed = data.decode().replace("Соколова;Арина", "Соколова;Арина-Мария").encode()
    result = staff_import.parse(organization=org, name="a.csv", data=changed)
    assert result.to_update == count and result.to_create == 0
    staff_import.apply(organization=org, result=result)
    assert StaffMember.objects.filter(organization=org).count() == count
    assert (
        StaffMember.objects.get(organization=org, personnel_number="0004").first_name
        == "Арина-Мария"
    )


def test_a_person_without_personnel_number_is_matched_by_name_and_birth_date(org):
    row = ";Иванова;Мария;Петровна;01.02.1990;Воспитатель;5;5;;;;;"
    for _ in range(2):
        result = staff_import.parse(organization=org, name="a.csv", data=_csv(row))
        staff_import.apply(organization=org, result=result)
    assert StaffMember.objects.filter(organization=org, last_name="Иванова").count() == 1


def test_a_file_with_bad_rows_saves_nothing_and_lists_every_error_with_its_row(org):
    data = _csv(
        "1;Иванова;Мария;Петровна;31.02.2020;Воспитатель;5;5;;;;;",
        "2;Петрова;Анна;;01.01.1990;Космонавт;5;5;;;;;",
        "3;Сидорова;Ольга;;01.01.1990;Воспитатель;5;9;;;;;",
        "4;;Ольга;;01.01.1990;Воспитатель;5;5;;;;;",
        "5;Кузнецова;Ирина;;01.01.1985;Воспитатель;10;10;;;;;",
        "6;Кузнецова;Ирина;;01.01.1985;Воспитатель;10;10;;;;;",
        "7;Смирнова;Вера;;01.01.1985;Воспитатель;10;10;;;;;",
    )
    result = staff_import.parse(organization=org, name="staff.csv", data=data)
    assert not result.is_valid
    errors = {r.number: r.errors for r in result.rows}
    assert any("31.02.2020" in e for e in errors[2])
    assert errors[3] == ["Неизвестная должность: «Космонавт»."]
    assert errors[4] == ["Педагогический стаж (9) больше общего (5)."]
    assert errors[5] == ["Не указана фамилия."]
    assert any("уже встречается в строке 6" in e for e in errors[7])
    assert errors[8] == []
    with pytest.raises(Exception, match="Ничего не сохранено"):
        staff_import.apply(organization=org, result=result)
    assert not StaffMember.objects.filter(organization=org).exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("staff.pdf", b"%PDF-1.4", "Этот формат файла не поддерживается"),
        ("staff.csv", b"", "Файл пустой"),
        ("staff.csv", "Фамилия;Имя;Зарплата\nА;Б;1\n".encode(), "Заголовок таблицы не подходит"),
        ("staff.xlsx", b"not a zip", "Файл XLSX не читается"),
        ("staff.csv", (HEADER + "\n").encode(), "нет ни одного сотрудника"),
    ],
)
def test_bad_files_get_a_clear_message(org, name, data, message):
    result = staff_import.parse(organization=org, name=name, data=data)
    assert not result.is_valid
    assert any(message in e for e in result.errors)


def test_a_comma_separated_file_and_an_xlsx_file_are_read(org):
    comma = _csv(
        "9;Орлова;Нина;;02.03.1991;Учитель-логопед;4;4;;;;;", header=HEADER.replace(";", ",")
    )
    comma = comma.decode().replace(";", ",").encode()
    assert staff_import.parse(organization=org, name="a.csv", data=comma).is_valid
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append(
        ["10", "Белова", "Дарья", "", "05.05.1995", "Воспитатель", 3, 3, "", "", "", "", ""]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = staff_import.parse(organization=org, name="a.xlsx", data=buffer.getvalue())
    assert result.is_valid, result.errors
    assert staff_import.apply(organization=org, result=result) == (1, 0)
