"""Activity: entered → confirmed or returned → shown on the program, portfolio and case."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditEntry
from programs.models import Activity, ActivityStatus
from programs.services import case_prefill
from tests.programs.factories import make_program


def _pdf(name="diploma.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n% diploma\n", content_type="application/pdf")


def _post(client, program, **extra):
    data = {
        "kind": "contest",
        "title": "Воспитатель года — 2025",
        "happened_on": (dt.date.today() - dt.timedelta(days=3)).isoformat(),
        "level": "municipal",
        "result": "лауреат",
        "evidence_file": _pdf(),
        **extra,
    }
    return client.post(reverse("programs:activity-add", args=[program.pk]), data)


def test_mentee_records_a_contest_and_the_curator_confirms_it(pair, client_for, users):
    program = make_program(pair, status="in_progress")
    mentee = client_for("mentee")
    response = _post(mentee, program)
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.status == ActivityStatus.SUBMITTED
    assert activity.staff.user == users["mentee"]
    page = mentee.get(program.get_absolute_url()).content.decode()
    assert "Воспитатель года — 2025" in page
    assert "Ждёт подтверждения куратора" in page

    # Not yet confirmed: the curator sees no record in the portfolio.
    curator = client_for("curator")
    portfolio = reverse("programs:portfolio", args=[activity.staff_id])
    assert "Воспитатель года" not in curator.get(portfolio).content.decode()

    response = curator.post(reverse("programs:activity-confirm", args=[activity.pk]))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.CONFIRMED
    assert activity.reviewed_by == users["curator"]
    assert AuditEntry.objects.filter(action="activity.confirmed").exists()
    assert "Воспитатель года — 2025" in curator.get(portfolio).content.decode()
    assert "Подтверждено куратором" in mentee.get(program.get_absolute_url()).content.decode()


def test_a_renamed_file_is_refused_by_its_content(pair, client_for):
    program = make_program(pair, status="in_progress")
    fake = SimpleUploadedFile(
        "diploma.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    response = _post(client_for("mentee"), program, evidence_file=fake)
    assert response.status_code == 422
    assert "внутри не PDF" in response.content.decode()
    assert not Activity.objects.exists()


def test_a_record_without_evidence_is_refused(pair, client_for):
    program = make_program(pair, status="in_progress")
    response = _post(client_for("mentor"), program, evidence_file="")
    assert response.status_code == 422
    assert "Приложите подтверждающий документ" in response.content.decode()


def test_curator_returns_a_record_and_the_author_corrects_it(pair, client_for):
    program = make_program(pair, status="in_progress")
    mentor = client_for("mentor")
    _post(mentor, program, kind="publication", title="Статья", result="опубликована")
    activity = Activity.objects.get()
    curator = client_for("curator")
    curator.post(reverse("programs:activity-return", args=[activity.pk]), {"reason": ""})
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.SUBMITTED  # no reason, no return

    curator.post(
        reverse("programs:activity-return", args=[activity.pk]), {"reason": "Нет выходных данных"}
    )
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.RETURNED
    page = mentor.get(program.get_absolute_url()).content.decode()
    assert "Замечание куратора: Нет выходных данных" in page

    edit = reverse("programs:activity-edit", args=[activity.pk])
    response = mentor.post(
        edit,
        {
            "kind": "publication",
            "title": "Статья в сборнике «Дошкольное образование», с. 12–15",
            "happened_on": activity.happened_on.isoformat(),
            "level": "regional",
            "result": "опубликована",
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.SUBMITTED
    assert activity.title.endswith("с. 12–15")
    assert activity.evidence_file  # the first file stays


def test_confirmed_activity_is_listed_in_the_case(pair, client_for):
    program = make_program(pair, status="in_progress")
    _post(
        client_for("mentee"), program, kind="course", title="КПК «ФОП ДО»", result="удостоверение"
    )
    client_for("curator").post(
        reverse("programs:activity-confirm", args=[Activity.objects.get().pk])
    )
    program.status = "completed"
    program.save()
    case = case_prefill(program=program)
    page = client_for("curator").get(reverse("programs:case-detail", args=[case.pk]))
    assert "Курсы повышения квалификации (КПК) «КПК «ФОП ДО»»" in page.content.decode()


def test_activity_cannot_be_entered_in_a_draft_program(pair, client_for):
    program = make_program(pair)
    assert _post(client_for("mentee"), program).status_code == 403
