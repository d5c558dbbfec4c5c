"""The program PDF, the case PDF and page, and the meeting's calendar file."""

import io

from django.urls import reverse
from pypdf import PdfReader

from programs.models import Meeting, ProgramStatus
from programs.services import case_prefill, programs_approve
from tests.programs.factories import make_program, signed_order


def _text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_program_pdf_shows_participants_note_plan_and_approval_order(pair, client_for, users):
    program = make_program(pair, status=ProgramStatus.REVIEWED)
    programs_approve(order=signed_order("21-од"), programs=[program])
    text = _text(client_for("mentee").get(reverse("programs:program-pdf", args=[program.pk])))
    assert "Персонализированная программа наставничества" in text
    assert users["mentor"].last_name in text
    assert "Трудности с дисциплиной" in text
    assert "Мероприятие 1: посещение занятия наставника" in text
    assert "Психолого-педагогические" in text  # plan by directions
    assert "№ 21-од" in text
    assert "Реализуется" in text


def test_case_pdf_and_page_show_the_case(pair, client_for):
    program = make_program(pair, status=ProgramStatus.COMPLETED)
    case = case_prefill(program=program)
    page = client_for("curator").get(reverse("programs:case-detail", args=[case.pk]))
    assert "Дано (портрет наставляемого)" in page.content.decode()
    text = _text(client_for("curator").get(reverse("programs:case-pdf", args=[case.pk])))
    assert "Кейс персонализированной программы наставничества" in text
    assert "Трудности с дисциплиной" in text  # «Дано» from the program's problem
    assert "Этап 7. Завершение наставничества" in text
    assert "Мероприятие 2" in text


def test_curator_edits_the_case(pair, client_for):
    program = make_program(pair, status=ProgramStatus.COMPLETED)
    case = case_prefill(program=program)
    client_for("curator").post(
        reverse("programs:case-edit", args=[case.pk]),
        {"form_and_role_model": "«педагог – педагог» / «новичок – мастер»", "given": "Анна"},
    )
    case.refresh_from_db()
    assert case.given == "Анна"
    assert case.history.count() == 2


def test_meeting_is_logged_and_downloads_as_ics(pair, client_for):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    response = client_for("mentor").post(
        reverse("programs:meeting-add", args=[program.pk]),
        {
            "held_on": program.starts_on.isoformat(),
            "start_time": "15:30",
            "duration_minutes": 60,
            "format": "online",
            "topic": "Разбор занятия",
            "notes": "Обсудили, как начинать занятие",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.history.count() == 1
    ics = client_for("mentee").get(reverse("programs:meeting-ics", args=[meeting.pk]))
    body = ics.content.decode()
    assert ics["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in body and "Разбор занятия" in body
    assert "DTSTART;TZID=Europe/Moscow:" in body and "T153000" in body  # Moscow wall time


def test_meeting_with_a_bad_duration_is_refused_in_russian(pair, client_for):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    response = client_for("mentor").post(
        reverse("programs:meeting-add", args=[program.pk]),
        {
            "held_on": program.starts_on.isoformat(),
            "duration_minutes": 0,
            "format": "online",
            "topic": "Тема",
        },
    )
    assert response.status_code == 422
    assert "Длительность встречи — от 5 до 480 минут." in response.content.decode()
    assert not Meeting.objects.exists()


def test_home_cards_tell_mentee_to_agree_and_curator_to_review(pair, client_for):
    program = make_program(pair)
    page = client_for("mentee").get("/").content.decode()
    assert "Согласовать программу" in page
    program.status = ProgramStatus.AGREED
    program.save()
    assert "Проверить программы" in client_for("curator").get("/").content.decode()


def test_home_cards_tell_director_to_approve_and_mentor_about_overdue(pair, client_for):
    reviewed = make_program(pair, status=ProgramStatus.REVIEWED)
    page = client_for("director").get("/").content.decode()
    assert "Утвердить программы" in page
    assert "ждут вашего приказа об утверждении" in page
    reviewed.status = ProgramStatus.IN_PROGRESS
    reviewed.save()
    page = client_for("mentor").get("/").content.decode()
    assert "Просроченные мероприятия" in page


def test_the_approval_annex_is_the_plan_only_without_execution_marks(pair, users):
    from programs.pdf import program_annex_html

    program = make_program(pair, status=ProgramStatus.REVIEWED)
    row = program.rows.first()
    row.status = "done"
    row.save()
    html = program_annex_html(program)
    assert "Мероприятие 1: посещение занятия наставника" in html
    assert "Выполнено" not in html and "Отметка о выполнении" not in html
    assert row.get_status_display() not in html
