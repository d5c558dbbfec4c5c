"""Roles and accounts in the product: the roles page, a person's page, linking and merging."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.access import access, get_object_in_org
from core.audit import audit_for
from core.models import Role, RoleAssignment, User
from core.pdf import render_pdf
from core.roles import roles_of
from mentoring import accounts, logins
from mentoring.forms_people import AccountChoiceForm, RoleNameForm
from mentoring.models import StaffMember
from mentoring.role_naming import NAMED_ROLES, role_take_away, staff_role_name

ROLE_NAMERS = (Role.DIRECTOR, Role.ADMIN)
PEOPLE_VIEWERS = (Role.DIRECTOR, Role.CURATOR, Role.ADMIN)
SHOWN_ROLES = (Role.DIRECTOR, Role.CURATOR, Role.ADMIN)


def _holders(organization) -> dict[str, list[RoleAssignment]]:
    found = {role: [] for role in SHOWN_ROLES}
    assignments = (
        RoleAssignment.objects.filter(organization=organization, role__in=SHOWN_ROLES)
        .select_related("user")
        .order_by("assigned_at", "pk")
    )
    for assignment in assignments:
        found[assignment.role].append(assignment)
    return found


@access(*ROLE_NAMERS)
def roles_page(request):
    """Who runs the kindergarten: the director, the curator and the admin; naming them."""
    initial = {"staff": request.GET.get("staff")} if request.GET.get("staff") else {}
    form = RoleNameForm(organization=request.organization, initial=initial)
    return _roles_page(request, form)


def _roles_page(request, form, status: int = 200):
    holders = _holders(request.organization)
    sections = [(str(Role(role).label), role, holders[role]) for role in SHOWN_ROLES]
    return render(
        request,
        "mentoring/roles.html",
        {
            "form": form,
            "sections": sections,
            "named_roles": NAMED_ROLES,
            "no_curator": not holders[Role.CURATOR],
        },
        status=status,
    )


@require_POST
@access(*ROLE_NAMERS)
def role_name(request):
    """Name the curator or the admin; open her login in the same step if she has none."""
    form = RoleNameForm(request.POST, organization=request.organization)
    if not form.is_valid():
        return _roles_page(request, form, status=422)
    staff, role = form.cleaned_data["staff"], form.cleaned_data["role"]
    had_account = staff.user_id is not None
    try:
        assignment = staff_role_name(
            staff=staff, role=role, organization=request.organization, actor=request.user
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _roles_page(request, form, status=422)
    user = assignment.user
    label = str(Role(role).label).lower()
    messages.success(request, f"{staff.full_name} назначена: {label}.")
    if user.last_login is not None or (had_account and user.has_usable_password()):
        messages.info(request, f"Она входит в систему под своим логином {user.username}.")
        return redirect("mentoring:roles")
    if form.cleaned_data["login"] == "slip":
        slips = logins.staff_login_slips(staff=[staff], actor=request.user)
        pdf = render_pdf(
            "pdf/login_slips.html",
            {"slips": slips, "site_url": settings.SITE_URL, "organization": request.organization},
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="login.pdf"'
        return response
    try:
        logins.staff_login_invite(staff=staff, actor=request.user)
    except ValidationError as error:
        messages.warning(
            request,
            " ".join(error.messages) + " Учётная запись создана: логин " + user.username + ".",
        )
    else:
        messages.info(request, f"Приглашение отправлено на {user.email}, логин {user.username}.")
    return redirect("mentoring:roles")


@require_POST
@access(*ROLE_NAMERS)
def role_take_away_view(request, pk: int):
    """Take the curator's or the admin's role away."""
    assignment = get_object_in_org(request, RoleAssignment.objects.select_related("user"), pk=pk)
    try:
        role_take_away(assignment=assignment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Роль «{assignment.get_role_display()}» снята: {assignment.user}.",
        )
    return redirect("mentoring:roles")


def _person(request, pk: int) -> User:
    """A person of the current organization (a role or a staff card in it), or 404."""
    people = accounts.organization_accounts(organization=request.organization)
    return get_object_or_404(people, pk=pk)


@access(*PEOPLE_VIEWERS)
def person_detail(request, pk: int):
    """A person: her roles (since when, by what), her account, her staff card, her history."""
    person = _person(request, pk)
    organization = request.organization
    card = StaffMember.objects.filter(organization=organization, user=person).first()
    history = [e for e in audit_for(person) if e.organization_id in (None, organization.pk)]
    context = {
        "person": person,
        "roles": roles_of(user=person, organization=organization),
        "card": card,
        "history": history,
    }
    return render(request, "mentoring/person_detail.html", context)


@access(*ROLE_NAMERS)
def staff_account_link(request, pk: int):
    """Link an account made earlier to a staff card without one."""
    staff = get_object_in_org(request, StaffMember.objects.select_related("user"), pk=pk)
    if staff.user_id is not None:
        messages.info(request, f"Карточка уже связана с учётной записью {staff.user.username}.")
        return redirect("mentoring:person", staff.user_id)
    candidates = accounts.link_candidates(staff=staff)
    form = AccountChoiceForm(request.POST or None, accounts=candidates)
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["account"]
        try:
            accounts.account_link(staff=staff, user=user, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Карточка {staff.full_name} связана с учётной записью {user.username}."
            )
            return redirect("mentoring:person", user.pk)
    status = 422 if request.method == "POST" else 200
    context = {"staff": staff, "form": form, "candidates": candidates}
    return render(request, "mentoring/staff_account_link.html", context, status=status)


@access(*ROLE_NAMERS)
def person_merge(request, pk: int):
    """Merge another account of the same person into this one: choose, confirm, merge."""
    keep = _person(request, pk)
    organization = request.organization
    others = list(
        accounts.organization_accounts(organization=organization)
        .exclude(pk=keep.pk)
        .filter(is_active=True)
        .order_by("last_name", "first_name", "username")
    )
    form = AccountChoiceForm(request.POST or request.GET or None, accounts=others)
    plan = None
    if form.is_bound and form.is_valid():
        drop = form.cleaned_data["account"]
        plan = accounts.accounts_merge_plan(
            keep=keep, drop=drop, organization=organization, actor=request.user
        )
        if request.method == "POST" and not plan.problems:
            accounts.accounts_merge(
                keep=keep, drop=drop, organization=organization, actor=request.user
            )
            messages.success(
                request,
                f"Учётная запись {drop.username} присоединена и отключена. Перенесено: "
                f"{plan.moved_text}.",
            )
            return redirect("mentoring:person", keep.pk)
    status = 422 if request.method == "POST" else 200
    context = {"person": keep, "form": form, "plan": plan, "others": others}
    return render(request, "mentoring/person_merge.html", context, status=status)
