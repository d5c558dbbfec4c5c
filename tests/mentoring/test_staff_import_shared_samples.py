"""An extra check on the sample files from outside the project, when ../shared/data is there.

The suite stands on its own files (``tests/data/``, see ``test_staff_import.py``); these tests
import the outside samples as they are, and are skipped, saying why, on a clone without them.
"""

import datetime as dt
from pathlib import Path

import pytest

from mentoring import staff_import
from mentoring.models import Category, Education, Position, StaffMember
from tests.shared_data import SHARED_DATA

XLSX = SHARED_DATA / "staff-1c-export.xlsx"
CSV = SHARED_DATA / "staff-excel-cp1251.csv"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (XLSX.is_file() and CSV.is_file()),
        reason=f"extra check only: the outside sample files are not at {SHARED_DATA}",
    ),
]


def _parse(org, path):
    return staff_import.parse(organization=org, name=Path(path).name, data=path.read_bytes())


def _import(org, path):
    result = _parse(org, path)
    return result, staff_import.staff_import_apply(organization=org, result=result)


def _person(org, last_name, first_name, **more):
    return StaffMember.objects.get(
        organization=org, last_name=last_name, first_name=first_name, **more
    )


def test_every_person_of_the_outside_1c_export_is_imported_without_edits(org):
    result, report = _import(org, XLSX)
    assert result.errors == [] and result.error_rows == []
    assert (report.added, report.updated, report.failed) == (38, 0, [])
    assert StaffMember.objects.filter(organization=org).count() == 38


def test_the_outside_1c_export_header_is_found_below_the_title_rows_and_mapped(org):
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


def test_the_outside_1c_export_names_and_values_are_read_the_way_people_wrote_them(org):
    _import(org, XLSX)
    assert _person(org, "Медведева-Сорокина", "Алёна").middle_name == "Ильинична"
    assert _person(org, "Тимофеева", "Любовь").middle_name == "Ильинична"
    uvarova = _person(org, "Уварова", "Нелли")  # «19.06.25», «0 л. 6 мес.», «Ср.-проф., …»
    assert uvarova.date_hired == dt.date(2025, 6, 19)
    assert uvarova.total_experience_years == 0
    assert uvarova.education == Education.SECONDARY_PEDAGOGICAL
    polyakova = _person(org, "Полякова", "Фаина")  # «с 01.09.2019», «Высшая, 12.04.2022»
    assert polyakova.date_hired == dt.date(2019, 9, 1)
    assert polyakova.qualification_category == Category.HIGHEST
    grishin = _person(org, "Гришин", "Никита")  # «33 л. 7 мес.», a spreadsheet date
    assert (grishin.total_experience_years, grishin.teaching_experience_years) == (33, 28)
    assert _person(org, "Абрамова", "Майя").qualification_category == Category.CONFORMITY
    assert (
        _person(org, "Полякова", "Алла", middle_name="Фёдоровна").position == Position.PSYCHOLOGIST
    )
    assert _person(org, "Абрамова", "Олеся").phone == ""
    hired = StaffMember.objects.filter(
        organization=org, last_name="Алексеев", first_name="Никита"
    ).values_list("date_hired", flat=True)
    assert sorted(hired) == [dt.date(2018, 5, 12), dt.date(2018, 12, 4)]


def test_the_outside_csv_after_the_1c_export_updates_those_people_and_keeps_phones(org):
    _import(org, XLSX)
    result, report = _import(org, CSV)
    assert result.header_row == 1 and result.error_rows == []
    assert (report.added, report.updated) == (0, 20)
    assert StaffMember.objects.filter(organization=org).count() == 38
    nikitina = _person(org, "Никитина", "Эльвира")
    assert (nikitina.email, nikitina.phone) == ("ped1@raduga7.example", "8-910-923-96-31")
