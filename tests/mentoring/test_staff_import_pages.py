"""The curator's import page: mapping, values chosen once, preview, partial save, files."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from mentoring.models import Education, StaffImportSettings, StaffMember

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data"  # written by tests/data/make_staff_files.py
CSV = DATA / "staff-excel-cp1251.csv"
XLSX = DATA / "staff-list.xlsx"


def _imported(org):
    """Staff added by the import: the personas' own records have logins, these don't."""
    return StaffMember.objects.filter(organization=org, user=None)


def _upload(client, name, data):
    return client.post(reverse("mentoring:staff-import"), {"file": SimpleUploadedFile(name, data)})


def _review(client, **post):
    return client.post(reverse("mentoring:staff-import-confirm"), post)


CSV_MAPPING = {
    "col-1": "full_name",
    "col-2": "position",
    "col-4": "birth_date",
    "col-5": "date_hired",
    "col-6": "total_experience",
    "col-7": "teaching_experience",
    "col-8": "education",
    "col-9": "qualification_category",
    "col-10": "email",
}


def test_the_preview_shows_the_proposed_mapping_and_every_row_and_saves_nothing(client_for, org):
    response = _upload(client_for("curator"), XLSX.name, XLSX.read_bytes())
    text = response.content.decode()
    assert "Названия столбцов найдены в строке 4" in text
    assert '<option value="full_name" selected>ФИО (одним столбцом)</option>' in text
    assert text.count('data-testid="import-row"') == 12
    assert "Белова-Сёмина Ольга Андреевна" in text and "Ким Анастасия" in text
    assert "Будет добавлено: 12, обновлено: 0." in text
    assert "Загрузить строки без ошибок (12)" in text
    assert (
        "Строка 18 пропущена: в ней заполнена одна ячейка («Итого: 12 человек»), это не похоже "
        "на сотрудника." in text
    )
    assert not _imported(org).exists()


def test_saving_the_preview_imports_everyone_and_remembers_the_columns(client_for, org):
    client = client_for("curator")
    _upload(client, XLSX.name, XLSX.read_bytes())
    mapping = {"col-1": "full_name", "col-2": "position", "col-5": "date_hired"}
    response = _review(client, action="save", **mapping)
    assert response.status_code == 302 and response.url == reverse("mentoring:staff-list")
    assert _imported(org).count() == 12
    assert _imported(org).filter(phone="").count() == 12
    columns = StaffImportSettings.objects.get(organization=org).columns
    assert columns["телефон"] == ""
    assert columns["ф и о"] == "full_name"
    again = _upload(client, XLSX.name, XLSX.read_bytes()).content.decode()
    assert '<option value="phone" selected>' not in again
    assert "Будет добавлено: 0, обновлено: 12." in again


def test_an_unknown_value_is_chosen_once_for_all_its_rows(client_for, org):
    client = client_for("curator")
    data = CSV.read_bytes().replace("Среднее специальное".encode("cp1251"), "ПТУ".encode("cp1251"))
    text = _upload(client, "staff.csv", data).content.decode()
    assert text.count("Образование: «ПТУ»") == 1
    # Three rows, each shown once as a phone card and once as a table row.
    assert text.count("Неизвестное образование «ПТУ».") == 2 * 3
    assert "строк с ошибками: 3" in text
    form_name = next(
        line.split('name="')[1].split('"')[0]
        for line in text.splitlines()
        if 'name="fix-education-' in line
    )
    text = _review(client, action="check", **CSV_MAPPING, **{form_name: "secondary"})
    assert "Будет добавлено: 12, обновлено: 0." in text.content.decode()
    _review(client, action="save", **CSV_MAPPING, **{form_name: "secondary"})
    assert sorted(
        _imported(org).filter(education=Education.SECONDARY).values_list("last_name", flat=True)
    ) == ["Григорьева", "Лебедева", "Фёдоров"]


def test_good_rows_are_imported_and_the_rest_downloaded_with_an_error_column(client_for, org):
    client = client_for("curator")
    data = CSV.read_bytes().replace(b"15.08.2003", b"15.13.2003")
    _upload(client, "staff.csv", data)
    response = _review(client, action="save", **CSV_MAPPING)
    assert response.url == reverse("mentoring:staff-import") + "?continue=1"
    page = client.get(response.url).content.decode()
    assert "добавлено 11, обновлено 0. Не загружено строк с ошибками: 1." in page
    assert "Скачать строки с ошибками (XLSX)" in page
    assert _imported(org).count() == 11
    download = client.get(reverse("mentoring:staff-import-errors"))
    assert download["Content-Disposition"] == 'attachment; filename="staff-errors.xlsx"'
    rows = list(load_workbook(io.BytesIO(download.content)).worksheets[0].values)
    assert rows[0][-1] == "Ошибки" and rows[1][1] == "Соколова Ирина Викторовна"
    assert "«15.13.2003» — такой даты нет" in rows[1][-1]


def test_a_file_with_no_good_row_cannot_be_saved(client_for, org):
    client = client_for("curator")
    text = _upload(client, "a.csv", "ФИО;Должность\nИванова Анна;космонавт\n".encode())
    assert "Загрузить строки без ошибок" not in text.content.decode()
    response = _review(client, action="save", **{"col-0": "full_name", "col-1": "position"})
    assert "В файле нет ни одной строки без ошибок." in response.content.decode()
    assert not _imported(org).exists()


def test_the_template_downloads_as_xlsx_with_the_accepted_values(client_for, org):
    response = client_for("admin").get(reverse("mentoring:staff-import-template"))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Сотрудники", "Допустимые значения", "Как заполнять"]
    assert workbook["Допустимые значения"]["A2"].value == "Воспитатель"


def test_another_organizations_upload_is_not_reviewed(client_for, org, other_org):
    client = client_for("curator")
    _upload(client, CSV.name, CSV.read_bytes())
    session = client.session
    session["staff_import"]["organization"] = other_org.pk
    session.save()
    response = _review(client, action="save", **CSV_MAPPING)
    assert response.url == reverse("mentoring:staff-import")
    assert not _imported(org).exists()
