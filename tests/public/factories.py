"""A finished program with its case, consents to publication and the public section's data."""

from __future__ import annotations

from django.utils import timezone

from core.models import Role
from mentoring.consents import consent_give
from mentoring.models import ConsentKind, StaffMember
from programs.models import ProgramStatus
from programs.services import case_prefill
from public.models import FileKind, NewsItem, PublicFile
from public.services import case_show
from tests.factories import member
from tests.programs.factories import fixed_pair, make_program


def named_member(org, role, username, last, first, middle):
    user = member(org, role, username=username)
    StaffMember.objects.filter(user=user).update(
        last_name=last, first_name=first, middle_name=middle
    )
    user.last_name, user.first_name, user.middle_name = last, first, middle
    user.save()
    return user


def finished_case(
    org, mentor_user, mentee_user, *, consent_by=None, status=ProgramStatus.COMPLETED
):
    """A completed program of a fixed pair, its prefilled case; consents when ``consent_by``."""
    pair = fixed_pair(org, mentor_user, mentee_user, request_text="Работа с родителями")
    program = make_program(pair, status=status)
    program.finished_at = timezone.now()
    program.save(update_fields=["finished_at"])
    case = case_prefill(program=program)
    if consent_by is not None:
        for staff in (*pair.mentors.all(), *pair.mentees.all()):
            consent_give(staff=staff, kind=ConsentKind.PUBLICATION, recorded_by=consent_by)
    return case


def shown_cases(org, count=1, *, tag=None):
    """``count`` shown cases of one consenting pair of ``org``; its new curator shows them."""
    tag = tag or org.slug
    curator = member(org, Role.CURATOR, username=f"{tag}-curator")
    mentor = member(org, Role.MENTOR, username=f"{tag}-mentor")
    mentee = member(org, Role.MENTEE, username=f"{tag}-mentee")
    for user in (mentor, mentee):
        staff = user.staff_records.get(organization=org)
        consent_give(staff=staff, kind=ConsentKind.PUBLICATION, recorded_by=curator)
    return [case_show(case=finished_case(org, mentor, mentee), user=curator) for _ in range(count)]


def news(org, title="Стартовал новый цикл наставничества", *, published=True) -> NewsItem:
    return NewsItem.objects.create(
        organization=org,
        title=title,
        body="В детском саду начался новый цикл наставничества.",
        published_at=timezone.now() if published else None,
    )


def document(
    org,
    title="Федеральный закон № 273-ФЗ",
    *,
    kind=FileKind.NORMATIVE,
    level="federal",
    published=True,
    **extra,
) -> PublicFile:
    return PublicFile.objects.create(
        organization=org,
        kind=kind,
        level=level if kind == FileKind.NORMATIVE else "",
        title=title,
        url=extra.pop("url", "https://www.consultant.ru/document/cons_doc_LAW_140174/"),
        published_at=timezone.now() if published else None,
        **extra,
    )


__all__ = ["Role", "document", "finished_case", "named_member", "news", "shown_cases"]
