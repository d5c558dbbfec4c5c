"""The case of a completed program (seed 004): prefill, edit, publish."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core.models import User
from mentoring import consents
from mentoring.models import StaffMember
from programs import wording
from programs.models import (
    Case,
    Program,
    RowStatus,
)


def _portrait(staff: StaffMember) -> str:
    return wording.portrait(staff)


def case_prefill(*, program: Program) -> Case:
    """Create the case of a finished program from what the program knows (idempotent)."""
    existing = Case.objects.filter(program=program).first()
    if existing is not None:
        return existing
    pair = program.pair
    forms = ", ".join(str(f.get_form_display()) for f in pair.forms.all())
    role_model = pair.role_model or "—"
    rows = list(program.rows.all())
    done = [r for r in rows if r.status == RowStatus.DONE]
    meetings = program.meetings.count()
    results = "\n".join(f"{r.event}: {r.actual_result}" for r in done if r.actual_result)
    mentors, mentees = list(pair.mentors.all()), list(pair.mentees.all())
    requests = "; ".join(line.strip() for line in pair.request_text.splitlines() if line.strip())
    reason = program.get_end_reason_display() or "план мероприятий выполнен"
    return Case.objects.create(
        program=program,
        form_and_role_model=f"{pair.scale_label} наставничество, "
        + f"{pair.get_participants_form_display()}"
        + (f" ({forms})" if forms else "")
        + (f", организация-партнёр: {pair.partner}" if pair.partner_id else "")
        + f" / {role_model}",
        given="\n".join(_portrait(m) for m in pair.mentees.all()) + "\n" + program.problem,
        need=f"{program.goal}\n{program.planned_results}".strip(),
        who_needed="\n".join(_portrait(m) for m in pair.mentors.all()),
        results=results or program.planned_results,
        stage_1="Педагогический коллектив проинформирован о программе наставничества, "
        "определены её цели и участники.",
        stage_2=wording.included(mentees, "в банк наставляемых")
        + (f" с запросом: {requests}." if requests else "."),
        stage_3=wording.included(mentors, "в банк наставников") + ".",
        stage_4="Наставник отобран по анкете и опыту, ознакомлен с Положением о наставничестве.",
        stage_5=f"Сформирована пара {role_model}, закреплена приказом руководителя.",
        stage_6=f"Программа с {program.starts_on:%d.%m.%Y} по {program.ends_on:%d.%m.%Y}: "
        f"выполнено {len(done)} из {len(rows)} мероприятий плана, проведено встреч: {meetings}.",
        stage_7=f"{program.get_status_display()}: {reason[:1].lower() + reason[1:]}.",
    )


@transaction.atomic
def case_save(*, case: Case, data: dict, user: User) -> Case:
    current = Case.objects.select_for_update().get(pk=case.pk)
    for field, value in data.items():
        setattr(current, field, value)
    current.updated_by = user
    current.full_clean()
    current.save()
    return current


@transaction.atomic
def case_publish(*, case: Case, user: User, publish: bool = True) -> Case:
    """Mark the case publishable only when every participant consented to publication."""
    current = Case.objects.select_for_update().select_related("program__pair").get(pk=case.pk)
    if publish:
        missing = consents.missing_publication_consents(current.program.pair)
        if missing:
            raise ValidationError(
                "Кейс нельзя опубликовать: нет согласия на публикацию "
                + wording.at_people(missing)
                + ".",
                code="no_publication_consent",
            )
    current.is_published = publish
    current.updated_by = user
    current.save()
    return current
