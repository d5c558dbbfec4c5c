"""Pages of the banks: staff import and editing, mentees, mentors, training sessions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.access import MANAGING_ROLES, access, get_object_in_org
from core.cache import org_cached
from core.declension import by_gender
from core.http import safe_next
from core.models import Role
from core.paging import kept_rows, page_of
from mentoring import consents, matching, selectors, services
from mentoring.forms import (
    AttendanceForm,
    MenteeFilterForm,
    MenteeProfileForm,
    MenteeRequestFormSet,
    MentorFilterForm,
    MentorProfileForm,
    StaffForm,
    TrainingSessionForm,
)
from mentoring.models import (
    MenteeProfile,
    MentorProfile,
    MentorStatus,
    StaffMember,
    TrainingSession,
)
from mentoring.rules import can_edit_bank_entry, can_edit_staff, can_keep_banks
from mentoring.selectors import own_staff_record

# Buttons of the mentor bank: the target status as a verb.
MENTOR_ACTIONS = {
    MentorStatus.CANDIDATE: "Вернуть в кандидаты",
    MentorStatus.SELECTED: "Отобрать",
    MentorStatus.TRAINED: "Отметить обученным",
    MentorStatus.ACTIVE: "Назначить",
    MentorStatus.RELEASED: "Освободить",
}
# A move back reads as a return, not as the forward verb.
BACK_LABELS = {(MentorStatus.TRAINED, MentorStatus.SELECTED): "Вернуть в отобранные"}
CURATOR = (Role.CURATOR,)
STAFF_EDITORS = (Role.CURATOR, Role.ADMIN)


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- staff ----------------------------------------------------------------------------------


@access(*STAFF_EDITORS)
def staff_create(request):
    form = StaffForm(request.POST or None, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        staff = form.save()
        messages.success(request, f"Сотрудник {staff.full_name} добавлен.")
        return redirect(staff)
    return render(request, "mentoring/staff_form.html", {"form": form, "staff": None})


@access(*STAFF_EDITORS)
def staff_edit(request, pk: int):
    staff = get_object_in_org(request, StaffMember, pk=pk, rule=can_edit_staff)
    if staff.is_external:
        return redirect("mentoring:external-edit", pk=staff.pk)
    form = StaffForm(request.POST or None, instance=staff, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Изменения сохранены.")
        return redirect(staff)
    return render(request, "mentoring/staff_form.html", {"form": form, "staff": staff})


# --- bank of mentees ------------------------------------------------------------------------


@access(*MANAGING_ROLES)
def mentee_list(request):
    form = MenteeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.mentee_bank(
        organization=request.organization,
        query=filters.get("q", ""),
        status=filters.get("status", ""),
        category=filters.get("category", ""),
        direction=filters.get("direction", ""),
    )
    page = page_of(qs, request.GET.get("page"), organization_id=request.organization.pk)
    candidates = _candidate_options(request.organization, bank="mentee")
    return render(
        request,
        "mentoring/mentee_list.html",
        {"form": form, "page": page, "candidates": candidates},
    )


def _mentee_form(request, staff: StaffMember, *, with_status: bool, template: str, done: str):
    profile = MenteeProfile.objects.filter(staff=staff).first()
    initial = (
        [{"direction": r.direction, "text": r.text} for r in profile.requests.all()]
        if profile
        else []
    )
    form = MenteeProfileForm(request.POST or None, instance=profile, with_status=with_status)
    formset = MenteeRequestFormSet(request.POST or None, initial=initial, prefix="req")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = [
            (f.cleaned_data["direction"], f.cleaned_data["text"])
            for f in formset
            if f.cleaned_data.get("text")
        ]
        data = form.cleaned_data
        try:
            services.mentee_profile_save(
                staff=staff,
                category=data["category"],
                desired_forms=data["desired_forms"],
                mode=data["mode"],
                portrait=data["portrait"],
                requests=rows,
                status=data.get("status"),
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Запросы сохранены.")
            return redirect(done)
    return render(
        request,
        template,
        {"form": form, "formset": formset, "staff": staff, "profile": profile},
    )


@access(*CURATOR)
def mentee_edit(request, staff_pk: int):
    """The curator records a teacher's entry in the bank of mentees."""
    staff = get_object_in_org(
        request,
        consents.active_staff(request.organization).employees(),
        pk=staff_pk,
        rule=can_edit_bank_entry,
    )
    return _mentee_form(
        request,
        staff,
        with_status=True,
        template="mentoring/mentee_form.html",
        done="mentoring:mentee-list",
    )


@access()
def my_mentee_profile(request):
    """A teacher records their own requests from their home page."""
    staff = own_staff_record(user=request.user, organization=request.organization)
    if staff is None or staff.personal_data_withdrawn_at is not None:
        return render(request, "mentoring/no_staff_card.html")
    return _mentee_form(
        request, staff, with_status=False, template="mentoring/mentee_form.html", done="home"
    )


@require_POST
@access(*CURATOR)
def mentee_without_pair(request, pk: int):
    profile = get_object_in_org(request, MenteeProfile, pk=pk)
    try:
        services.mentee_mark_without_pair(profile=profile, actor=request.user)
        messages.success(
            request,
            f"{profile.staff.full_name}: "
            f"{by_gender(profile.staff, 'отмечен как оставшийся', 'отмечена как оставшаяся')} "
            "без пары; поддержка и поиск "
            "наставника продолжаются.",
        )
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("mentoring:mentee-match", pk=profile.pk)


@access(*MANAGING_ROLES)
def mentee_match(request, pk: int):
    """Mentors ranked for one mentee, each criterion explained, and who is excluded and why."""
    profile = get_object_in_org(
        request,
        MenteeProfile.objects.select_related("staff")
        .prefetch_related("requests")
        .exclude(staff__left_on__isnull=False),
        pk=pk,
    )
    mentee = matching.mentee_data(profile)
    ranked, excluded = matching.rank_mentors(
        mentee, matching.load_mentors(request.organization), limit=20
    )
    return render(
        request,
        "mentoring/mentee_match.html",
        {"profile": profile, "ranked": ranked, "excluded": excluded, "mentee": mentee},
    )


@access(*MANAGING_ROLES)
def matching_proposal(request):
    """The whole organization at once: an optimal assignment within capacities."""
    mentees = matching.load_mentees(request.organization)
    mentors = matching.load_mentors(request.organization)
    proposals = matching.propose_assignment(mentees, mentors)
    assigned = {p.mentee.profile_id for p in proposals}
    unassigned = [m for m in mentees if m.profile_id not in assigned]
    return render(
        request,
        "mentoring/matching_proposal.html",
        {
            "proposals": proposals,
            "unassigned": unassigned,
            "total": matching.total_score(proposals),
            "free_slots": sum(m.free for m in mentors if m.status != MentorStatus.RELEASED),
        },
    )


def _candidate_options(organization, *, bank: str) -> str:
    """The «Внести кандидата в банк» list as rendered options (up to 300 people), kept in the
    organization's cache: it changes only when the staff or the bank does."""
    return org_cached(
        organization.pk,
        f"bank-candidates:{bank}",
        lambda: render_to_string(
            "mentoring/partials/candidate_options.html",
            {"candidates": selectors.bank_candidates(organization=organization, bank=bank)[:300]},
        ),
        reads=("people", "mentoring"),
    )


# --- bank of mentors ------------------------------------------------------------------------


@access(*MANAGING_ROLES)
def mentor_list(request):
    form = MentorFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.mentor_bank(
        organization=request.organization,
        query=filters.get("q", ""),
        status=filters.get("status", ""),
        direction=filters.get("direction", ""),
        position=filters.get("position", ""),
        free_only=filters.get("free", False),
    )
    organization = request.organization
    page = page_of(qs, request.GET.get("page"), organization_id=organization.pk, load=False)
    can_manage = can_keep_banks(request.user, organization)
    # The rows are the same for everyone who may (or may not) change a status: rendered once
    # per change of the bank or the staff. Their buttons post through one form outside them
    # (its CSRF token and the way back are the request's own).
    pks = page.object_list
    rows = kept_rows(
        organization.pk,
        f"mentors:rows:{int(can_manage)}",
        pks,
        "mentoring/partials/mentor_rows.html",
        lambda: {"mentors": _mentor_rows(qs, pks), "can_manage": can_manage},
        reads=("mentoring", "people"),
    )
    return render(
        request,
        "mentoring/mentor_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "candidates": _candidate_options(organization, bank="mentor"),
            "can_manage": can_manage,
        },
    )


def _mentor_rows(queryset, pks: list[int]) -> list[MentorProfile]:
    """The bank's rows ``pks`` in the order given, each with the statuses it may go to."""
    found = {profile.pk: profile for profile in queryset.filter(pk__in=pks)}
    rows = [found[pk] for pk in pks if pk in found]
    for profile in rows:
        trained = bool(profile.trainings_count)
        # «Обученным» only after a training session: the row links to the sessions instead.
        profile.needs_training = services.mentor_needs_training(profile.status, trained=trained)
        profile.next_statuses = [
            (target, BACK_LABELS.get((profile.status, target), MENTOR_ACTIONS[target]))
            for target in services.mentor_targets(profile.status, trained=trained)
        ]
    return rows


def _mentor_form(request, staff: StaffMember, *, done: str):
    profile = MentorProfile.objects.filter(staff=staff).first()
    form = MentorProfileForm(request.POST or None, instance=profile, staff=staff)
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_profile_save(staff=staff, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Анкета наставника сохранена.")
            return redirect(done)
    return render(
        request,
        "mentoring/mentor_form.html",
        {
            "form": form,
            "staff": staff,
            "profile": profile,
            "is_self": staff.user_id == request.user.pk,
        },
    )


@access(*CURATOR)
def mentor_edit(request, staff_pk: int):
    staff = get_object_in_org(
        request, consents.active_staff(request.organization), pk=staff_pk, rule=can_edit_bank_entry
    )
    return _mentor_form(request, staff, done="mentoring:mentor-list")


@access()
def my_mentor_profile(request):
    """A potential mentor fills in the questionnaire of seed 004 online."""
    staff = own_staff_record(user=request.user, organization=request.organization)
    if staff is None or staff.personal_data_withdrawn_at is not None:
        return render(request, "mentoring/no_staff_card.html")
    return _mentor_form(request, staff, done="home")


@require_POST
@access(*CURATOR)
def mentor_status(request, pk: int):
    profile = get_object_in_org(request, MentorProfile.objects.select_related("staff"), pk=pk)
    try:
        services.mentor_status_change(
            profile=profile, target=request.POST.get("status", ""), actor=request.user
        )
        profile.refresh_from_db()
        messages.success(
            request, f"{profile.staff.full_name}: статус «{profile.get_status_display()}»."
        )
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect(safe_next(request, reverse("mentoring:mentor-list")))


@access(*MANAGING_ROLES)
def training_list(request):
    form = TrainingSessionForm(request.POST or None)
    if request.method == "POST":
        if not can_keep_banks(request.user, request.organization):
            raise PermissionDenied
        if form.is_valid():
            session = form.save(commit=False)
            session.organization = request.organization
            session.save()
            messages.success(request, "Установочная сессия добавлена. Отметьте присутствовавших.")
            return redirect("mentoring:training-detail", pk=session.pk)
    sessions = TrainingSession.objects.filter(organization=request.organization).prefetch_related(
        "attendees__staff"
    )
    page = Paginator(sessions, 20).get_page(request.GET.get("page"))
    return render(request, "mentoring/training_list.html", {"form": form, "page": page})


@access(*MANAGING_ROLES)
def training_detail(request, pk: int):
    session = get_object_in_org(request, TrainingSession, pk=pk)
    form = AttendanceForm(
        request.POST or None,
        organization=request.organization,
        initial={"attendees": list(session.attendees.all())},
    )
    if request.method == "POST":
        if not can_keep_banks(request.user, request.organization):
            raise PermissionDenied
        if form.is_valid():
            services.training_attendance_set(
                session=session, mentors=form.cleaned_data["attendees"], actor=request.user
            )
            messages.success(
                request, "Присутствие отмечено; отобранные наставники стали обученными."
            )
            return redirect("mentoring:training-detail", pk=session.pk)
    return render(request, "mentoring/training_detail.html", {"session": session, "form": form})
