"""The curator hands out logins from the staff list: invitations by e-mail or printed slips."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from core.access import access, get_object_in_org, public, scoped
from core.forms_auth import SetPasswordForm
from core.models import Role
from core.pdf import render_pdf
from mentoring import logins
from mentoring.models import StaffMember

STAFF_EDITORS = (Role.CURATOR, Role.ADMIN)
ROLE_CHOICES = [(r, str(Role(r).label)) for r in logins.LOGIN_ROLES]


def _role(request) -> str | None:
    """The role chosen for a bulk action; a single person keeps theirs or gets a suggested one."""
    role = request.POST.get("role")
    return role if role in logins.LOGIN_ROLES else None


def _slips_response(request, slips: list[logins.Slip]) -> HttpResponse:
    from django.conf import settings

    pdf = render_pdf(
        "pdf/login_slips.html",
        {"slips": slips, "site_url": settings.SITE_URL, "organization": request.organization},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="logins.pdf"'
    return response


def _active_staff(request):
    return scoped(request, StaffMember).filter(is_active=True, anonymized_at=None)


@access(*STAFF_EDITORS)
def staff_logins(request):
    """Who has a login, who has logged in, and buttons to invite or print slips."""
    staff = _active_staff(request).select_related("user").order_by(*StaffMember._meta.ordering)
    page = Paginator(staff, 100).get_page(request.GET.get("page"))
    without = _active_staff(request).filter(user=None)
    context = {
        "page": page,
        "roles": ROLE_CHOICES,
        "without_email": without.filter(email="").count(),
        "with_email": without.exclude(email="").count(),
    }
    return render(request, "mentoring/staff_logins.html", context)


@require_POST
@access(*STAFF_EDITORS)
def staff_login_invite(request, pk: int):
    """Send (or send again) one person's invitation."""
    staff = get_object_in_org(request, StaffMember, pk=pk)
    try:
        user = logins.staff_login_invite(staff=staff, role=_role(request), actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"Приглашение отправлено: {staff.full_name}, {user.email}, логин {user.username}.",
        )
    return redirect("mentoring:staff-logins")


@require_POST
@access(*STAFF_EDITORS)
def staff_logins_invite_all(request):
    """Invite everyone without a login who has an e-mail."""
    people = list(_active_staff(request).filter(user=None).exclude(email=""))
    sent, linked = 0, []
    for staff in people:
        try:
            logins.staff_login_invite(staff=staff, role=_role(request), actor=request.user)
        except ValidationError as exc:
            if exc.code != "already_logged_in":
                raise
            # She has an account already and logs in with her own password: it is linked now.
            linked.append(staff.full_name)
        else:
            sent += 1
    messages.success(request, f"Отправлено приглашений: {sent}.")
    if linked:
        messages.info(
            request,
            "Связаны с учётными записями, под которыми уже входят в систему (приглашение им "
            "не нужно): " + ", ".join(linked) + ".",
        )
    return redirect("mentoring:staff-logins")


@require_POST
@access(*STAFF_EDITORS)
def staff_login_slip(request, pk: int):
    """A printable slip with a new temporary password for one person."""
    staff = get_object_in_org(request, StaffMember, pk=pk)
    try:
        slips = logins.staff_login_slips(staff=[staff], role=_role(request), actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("mentoring:staff-logins")
    return _slips_response(request, slips)


@require_POST
@access(*STAFF_EDITORS)
def staff_logins_slips_all(request):
    """Slips for everyone without a login and without an e-mail, one per page."""
    people = list(_active_staff(request).filter(user=None, email=""))
    if not people:
        messages.info(request, "У всех сотрудников без e-mail уже есть учётная запись.")
        return redirect("mentoring:staff-logins")
    slips = logins.staff_login_slips(staff=people, role=_role(request), actor=request.user)
    return _slips_response(request, slips)


invite_accept = public(
    auth_views.PasswordResetConfirmView.as_view(
        form_class=SetPasswordForm,
        template_name="registration/invite_set_password.html",
        post_reset_login=True,
        post_reset_login_backend="django.contrib.auth.backends.ModelBackend",
        success_url=reverse_lazy("home"),
    )
)
