"""Pages of pairs and groups, consents, and participants' requests."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.access import MANAGING_ROLES, access, get_object_in_org
from core.http import parse_id, safe_next
from core.models import Role
from core.paging import kept_rows, page_of
from core.plugins import documents_about
from mentoring import consents, matching, selectors, services
from mentoring.forms import ChangeRequestForm, DecisionForm, PairCreateForm
from mentoring.models import (
    ChangeRequest,
    ChangeRequestStatus,
    Consent,
    ConsentKind,
    MenteeProfile,
    MentorProfile,
    Pair,
    PairStatus,
    StaffMember,
)
from mentoring.rules import (
    can_decide_request,
    can_decide_requests,
    can_manage_pair,
    can_record_consent,
    can_view_consents,
    can_view_pair,
)
from mentoring.selectors import own_staff_record

PAIR_ACTIONS = {
    PairStatus.AGREED: "Согласовать",
    PairStatus.PROPOSED: "Вернуть в предложенные",
    PairStatus.ACTIVE: "Начать работу",
    PairStatus.CLOSED: "Завершить / расформировать",
}


def _suggestion(request, mentee_pk, mentor_pk):
    """Recompute the chosen suggestion on the server; its reasons are stored with the pair."""
    if not mentee_pk or not mentor_pk:
        return None, None, None
    mentee_pk, mentor_pk = parse_id(mentee_pk), parse_id(mentor_pk)
    if mentee_pk is None or mentor_pk is None:
        raise Http404("Malformed suggestion.")
    profile = MenteeProfile.objects.filter(organization=request.organization, pk=mentee_pk).first()
    mentor_qs = matching.mentor_queryset(request.organization).filter(pk=mentor_pk)
    mentor = mentor_qs.first()
    if profile is None or mentor is None:
        raise Http404
    mentee = matching.load_mentees(request.organization, profile_ids=[profile.pk])[0]
    return profile, mentor, matching.score(mentee, matching.mentor_data(mentor))


@access(Role.CURATOR)
def pair_create(request):
    """Form a pair or group, from a suggestion (prefilled) or by hand."""
    source = request.POST if request.method == "POST" else request.GET
    profile, mentor, suggestion = _suggestion(
        request,
        source.get("suggestion_mentee") or source.get("mentee"),
        source.get("suggestion_mentor") or source.get("mentor"),
    )
    initial = {}
    if suggestion is not None:
        common = sorted(set(profile.desired_forms) & set(mentor.forms))
        initial = {
            "partner": mentor.staff.partner_id,
            "mentors": [mentor.staff_id],
            "mentees": [profile.staff_id],
            "pair_forms": common or ["traditional"],
            "request_text": "; ".join(r.text for r in profile.requests.all()),
            "role_model": "новичок – мастер",
            "suggestion_mentee": profile.pk,
            "suggestion_mentor": mentor.pk,
        }
    form = PairCreateForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        organization=request.organization,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reasons = suggestion.as_reasons() if suggestion is not None else {}
        try:
            pair = services.pair_create(
                organization=request.organization,
                mentors=list(data["mentors"]),
                mentees=list(data["mentees"]),
                forms=data["pair_forms"],
                participants_form=data["participants_form"],
                partner=data.get("partner"),
                role_model=data["role_model"],
                request_text=data["request_text"],
                match_reasons=reasons,
                created_by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{pair} сформирована. Соберите согласия участников.")
            return redirect("mentoring:pair-detail", pk=pair.pk)
    return render(request, "mentoring/pair_form.html", {"form": form, "suggestion": suggestion})


# What the rows of the pairs list show: pairs, their forms and partners, and the people.
PAIR_ROWS_READ = ("mentoring", "people")


@access(*MANAGING_ROLES)
def pair_list(request):
    status = request.GET.get("status", "")
    if status not in PairStatus.values:
        status = ""
    organization = request.organization
    page = page_of(
        selectors.pairs_list(organization=organization, status=status, people=False),
        request.GET.get("page"),
        organization_id=organization.pk,
        load=False,
    )
    # The rows (people, forms, partners) are the same for every manager: rendered once per
    # change of the banks or the staff, and kept in the organization's cache.
    pks = page.object_list
    rows = kept_rows(
        organization.pk,
        "pairs:rows",
        pks,
        "mentoring/partials/pair_rows.html",
        lambda: {"pairs": selectors.pairs_in_order(organization=organization, pks=pks)},
        reads=PAIR_ROWS_READ,
    )
    return render(
        request,
        "mentoring/pair_list.html",
        {"page": page, "rows": rows, "status": status, "statuses": PairStatus.choices},
    )


@access()
def pair_detail(request, pk: int):
    pair = get_object_in_org(
        request,
        Pair.objects.select_related("partner").prefetch_related(
            "mentors__partner", "mentees", "forms"
        ),
        pk=pk,
        rule=can_view_pair,
    )
    me = own_staff_record(user=request.user, organization=request.organization)
    is_mentee = me is not None and any(s.pk == me.pk for s in pair.mentees.all())
    is_mentor = me is not None and any(s.pk == me.pk for s in pair.mentors.all())
    actions = [(target, PAIR_ACTIONS[target]) for target in services.PAIR_ALLOWED[pair.status]]
    return render(
        request,
        "mentoring/pair_detail.html",
        {
            "pair": pair,
            "missing": consents.missing_consents_text(pair),
            "actions": actions if can_manage_pair(request.user, pair) else [],
            "is_mentee": is_mentee,
            "is_mentor": is_mentor,
            "requests": pair.change_requests.select_related("author", "decided_by"),
            "fix_problems": services.pairs_fix_problems([pair])
            if pair.status == PairStatus.AGREED
            else [],
            "documents": documents_about(pair),
        },
    )


@require_POST
@access(Role.CURATOR)
def pair_transition(request, pk: int):
    pair = get_object_in_org(request, Pair, pk=pk, rule=can_manage_pair)
    try:
        services.pair_transition(
            pair=pair, target=request.POST.get("status", ""), actor=request.user
        )
        pair.refresh_from_db()
        messages.success(request, f"{pair}: статус «{pair.get_status_display()}».")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("mentoring:pair-detail", pk=pair.pk)


# --- consents -------------------------------------------------------------------------------

PERSON_KINDS = (ConsentKind.PERSONAL_DATA, ConsentKind.MENTOR_DUTIES, ConsentKind.PUBLICATION)


@access()
def staff_consents(request, pk: int):
    staff = get_object_in_org(request, StaffMember, pk=pk, rule=can_view_consents)
    records = staff.consents.select_related("recorded_by", "withdrawn_by", "pair")
    active = {(c.kind, c.pair_id) for c in records if c.is_active}
    open_pairs = selectors.pairs_of(staff=staff).exclude(status=PairStatus.CLOSED)
    kinds = [
        k
        for k in PERSON_KINDS
        if k != ConsentKind.MENTOR_DUTIES or MentorProfile.objects.filter(staff=staff).exists()
    ]
    to_give = [(k, ConsentKind(k).label, None) for k in kinds if (k, None) not in active]
    to_give += [
        (ConsentKind.PAIR_DUTIES, f"{ConsentKind.PAIR_DUTIES.label}: {p}", p)
        for p in open_pairs
        if (ConsentKind.PAIR_DUTIES, p.pk) not in active
    ]
    return render(
        request,
        "mentoring/staff_consents.html",
        {
            "staff": staff,
            "records": records,
            "to_give": to_give,
            "can_record": can_record_consent(request.user, staff),
            "is_self": staff.user_id == request.user.pk,
        },
    )


@require_POST
@access()
def consent_give(request, pk: int):
    staff = get_object_in_org(request, StaffMember, pk=pk, rule=can_record_consent)
    kind = request.POST.get("kind", "")
    if kind not in ConsentKind.values:
        raise Http404
    pair = None
    if request.POST.get("pair"):
        pair = get_object_in_org(request, Pair, pk=request.POST["pair"])
    try:
        consents.consent_give(staff=staff, kind=kind, pair=pair, recorded_by=request.user)
        messages.success(request, f"{ConsentKind(kind).label}: записано.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(safe_next(request, reverse("mentoring:staff-consents", args=[staff.pk])))


@require_POST
@access()
def consent_withdraw(request, pk: int):
    consent = get_object_in_org(
        request,
        Consent.objects.select_related("staff"),
        pk=pk,
        rule=lambda user, c: can_record_consent(user, c.staff),
    )
    try:
        consents.consent_withdraw(consent=consent, by=request.user)
        text = f"Согласие отозвано: {consent.get_kind_display()}."
        if consent.kind == ConsentKind.PERSONAL_DATA:
            text += (
                " Сотрудник исключён из банков, списков, выгрузок и напоминаний; его данные "
                "будут обезличены через 30 дней."
            )
        messages.success(request, text)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("mentoring:staff-consents", pk=consent.staff_id)


@access()
def consent_print(request, pk: int, kind: str):
    """The consent text for a paper signature: printable, with blank lines for the passport."""
    staff = get_object_in_org(request, StaffMember, pk=pk, rule=can_view_consents)
    if kind not in consents.TEXTS:
        raise Http404
    blank = request.GET.get("blank") == "1"
    return render(
        request,
        "mentoring/consent_print.html",
        {
            "staff": staff,
            "text": consents.consent_text(kind=kind, staff=staff, for_paper=blank),
        },
    )


# --- participants' requests -----------------------------------------------------------------


@require_POST
@access()
def change_request_create(request):
    me = own_staff_record(user=request.user, organization=request.organization)
    form = ChangeRequestForm(request.POST)
    if me is None:
        raise Http404
    pair = None
    if request.POST.get("pair"):
        pair = get_object_in_org(request, Pair, pk=request.POST["pair"], rule=can_view_pair)
    if not form.is_valid():
        messages.error(request, "Напишите, почему вы об этом просите.")
    else:
        try:
            services.change_request_create(
                author=me,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
                pair=pair,
            )
            messages.success(
                request, "Заявление подано: его рассмотрят куратор и руководитель ДОУ."
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect(safe_next(request, reverse("home")))


@access(*MANAGING_ROLES)
def change_request_list(request):
    qs = selectors.change_requests(organization=request.organization)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "mentoring/change_request_list.html",
        {
            "page": page,
            "can_decide": can_decide_requests(request.user, request.organization),
            "pending": ChangeRequestStatus.PENDING,
        },
    )


@require_POST
@access(Role.CURATOR, Role.DIRECTOR)
def change_request_decide(request, pk: int):
    change = get_object_in_org(request, ChangeRequest, pk=pk, rule=can_decide_request)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите решение: удовлетворить или отклонить.")
    else:
        try:
            services.change_request_decide(
                request=change,
                by=request.user,
                approve=form.cleaned_data["approve"],
                comment=form.cleaned_data["comment"],
            )
            messages.success(request, "Решение по заявлению записано.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("mentoring:change-request-list")
