"""Bad input: a clear Russian message and nothing half-saved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programs import services
from programs.models import Program, ProgramStatus
from tests.programs.factories import make_program, today


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (-1, "Дата окончания должна быть позже даты начала."),
        (60, "не меньше 3 месяцев"),
        (400, "не больше 1 года"),
    ],
)
def test_duration_out_of_range_is_refused(pair, users, days, message):
    start = today()
    with pytest.raises(ValidationError) as error:
        services.program_create(
            pair=pair, author=users["mentor"], starts_on=start, ends_on=start + dt.timedelta(days)
        )
    assert message in str(error.value)
    assert not Program.objects.exists()


def test_program_from_a_template_gets_its_note_and_rows(pair, users, org):
    from programs.models import ProgramTemplate, TemplateRow

    template = ProgramTemplate.objects.create(
        organization=org, title="Молодой специалист, первый год", goal="Адаптация"
    )
    TemplateRow.objects.create(
        template=template, direction="legal", event="Изучить ФГОС ДО", week=2
    )
    start = today()
    program = services.program_create(
        pair=pair,
        author=users["mentor"],
        starts_on=start,
        ends_on=services.add_months(start, 9),
        template=template,
    )
    assert program.goal == "Адаптация"
    assert program.rows.get().deadline == start + dt.timedelta(weeks=2)


def test_a_deadline_outside_the_program_is_refused_on_the_page(client_for, program):
    response = client_for("mentor").post(
        reverse("programs:row-add", args=[program.pk]),
        {
            "add-direction": "methods",
            "add-event": "Консультация",
            "add-deadline": (program.ends_on + dt.timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Срок должен быть в пределах программы" in page
    assert "Консультация" in page  # the input stays
    assert program.rows.count() == 3


def test_fill_from_requests_adds_one_row_per_request(client_for, program):
    client_for("mentee").post(reverse("programs:row-fill", args=[program.pk]))
    events = list(program.rows.values_list("event", "direction"))
    assert ("Разбор запроса: Как выстроить общение с родителями", "psychology") in events
    assert len(events) == 5
    client_for("mentee").post(reverse("programs:row-fill", args=[program.pk]))
    assert program.rows.count() == 5  # not twice


def _report(client, row, upload):
    return client.post(
        reverse("programs:row-save", args=[row.pk]),
        {
            "status": "done",
            "actual_result": "Готово",
            "version": row.version,
            "evidence_file": upload,
        },
        HTTP_HX_REQUEST="true",
    )


def test_evidence_of_a_forbidden_type_is_refused(client_for, pair):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    row = program.rows.first()
    response = _report(client_for("mentor"), row, SimpleUploadedFile("virus.exe", b"MZ"))
    assert "Такой файл загрузить нельзя" in response.content.decode()
    row.refresh_from_db()
    assert row.status == "planned" and not row.evidence_file


def test_a_program_renamed_to_pdf_is_refused_by_its_content(client_for, pair):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    row = program.rows.first()
    fake = SimpleUploadedFile("отчёт.pdf", b"MZ\x90\x00 this is an executable")
    response = _report(client_for("mentor"), row, fake)
    assert "внутри не PDF" in response.content.decode()
    row.refresh_from_db()
    assert row.status == "planned" and not row.evidence_file


def test_a_meeting_after_the_end_of_the_program_is_refused(pair, users):
    from programs import services

    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    later = program.ends_on + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.meeting_log(
            program=program,
            data={"held_on": later, "duration_minutes": 45, "format": "offline", "topic": "Итоги"},
            user=users["mentor"],
        )
    assert "Если программа продлевается" in str(error.value)
    assert not program.meetings.exists()


def test_evidence_too_large_is_refused(client_for, pair):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    row = program.rows.first()
    big = SimpleUploadedFile("отчёт.pdf", b"0" * (10 * 1024 * 1024 + 1))
    response = _report(client_for("mentor"), row, big)
    assert "Файл больше 10 МБ" in response.content.decode()
    row.refresh_from_db()
    assert row.status == "planned"


def test_evidence_file_is_kept_and_downloaded_by_participants(client_for, pair, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    row = program.rows.first()
    _report(client_for("mentor"), row, SimpleUploadedFile("конспект.pdf", b"%PDF-1.4 test"))
    row.refresh_from_db()
    assert row.evidence_file.name.endswith(".pdf")
    response = client_for("mentee").get(reverse("programs:row-evidence", args=[row.pk]))
    assert response.status_code == 200
    assert response.content == b"%PDF-1.4 test"
    assert response["Content-Type"] == "application/pdf"


def test_done_without_any_result_is_refused(pair, users):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    row = program.rows.first()
    with pytest.raises(ValidationError) as error:
        services.plan_row_save(
            row=row,
            data={"status": "done", "actual_result": "", "evidence_url": ""},
            loaded_version=row.version,
            user=users["mentor"],
        )
    assert "опишите результат" in str(error.value)


def test_curator_keeps_a_template_with_its_rows(client_for, org):
    from programs.models import ProgramTemplate

    data = {
        "title": "Молодой специалист, первый год",
        "duration_months": 9,
        "mode": "mixed",
        "goal": "Адаптация",
        "rows-TOTAL_FORMS": 1,
        "rows-INITIAL_FORMS": 0,
        "rows-0-direction": "legal",
        "rows-0-event": "Изучить ФГОС ДО",
        "rows-0-week": 2,
    }
    response = client_for("curator").post(reverse("programs:template-create"), data)
    assert response.status_code == 302
    template = ProgramTemplate.objects.get()
    assert template.rows.get().event == "Изучить ФГОС ДО"
    data["duration_months"] = 20
    response = client_for("curator").post(reverse("programs:template-create"), data)
    assert "Срок программы — от 3 до 12 месяцев." in response.content.decode()


def test_program_from_a_template_takes_its_duration_when_no_end_is_given(client_for, pair, org):
    from programs.models import ProgramTemplate

    template = ProgramTemplate.objects.create(organization=org, title="Шаблон", duration_months=9)
    start = today()
    response = client_for("mentor").post(
        reverse("programs:program-create"),
        {"pair": pair.pk, "template": template.pk, "starts_on": start.isoformat()},
    )
    assert response.status_code == 302
    assert Program.objects.get().ends_on == services.add_months(start, 9)


def test_program_without_an_end_or_a_template_is_refused(client_for, pair):
    response = client_for("curator").post(
        reverse("programs:program-create"), {"pair": pair.pk, "starts_on": today().isoformat()}
    )
    assert response.status_code == 200
    assert "Укажите дату окончания программы." in response.content.decode()
    assert not Program.objects.exists()


def test_a_draft_has_nothing_overdue_in_the_list_as_on_its_page(pair):
    from programs.models import Program
    from programs.selectors import with_progress

    draft = make_program(pair, status=ProgramStatus.DRAFT)
    draft.rows.update(deadline=dt.date.today() - dt.timedelta(days=1))
    assert with_progress(Program.objects.filter(pk=draft.pk)).get().rows_overdue == 0
    Program.objects.filter(pk=draft.pk).update(status=ProgramStatus.IN_PROGRESS)
    assert with_progress(Program.objects.filter(pk=draft.pk)).get().rows_overdue == 3


def test_the_add_row_form_rendered_once_keeps_its_fields_and_the_request_s_token(
    client_for, program
):
    url = reverse("programs:program-detail", args=[program.pk])
    for _ in range(2):  # built, then served from the kept fragment
        page = client_for("mentor").get(url).content.decode()
        form = page.split('data-testid="row-add-form"')[1].split("</form>")[0]
        for name in ("add-direction", "add-event", "add-deadline", "add-expected_result"):
            assert f'name="{name}"' in form
        assert 'name="csrfmiddlewaretoken"' in form
