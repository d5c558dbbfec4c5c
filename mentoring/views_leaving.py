"""A person leaves: the confirmation page that says what will happen, and the mark itself."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from core.access import access, get_object_in_org
from core.models import Role
from mentoring import leaving
from mentoring.forms import LeavingForm
from mentoring.models import StaffMember
from mentoring.rules import can_mark_left


@access(Role.CURATOR, Role.DIRECTOR)
def staff_leave(request, pk: int):
    """GET: the form and everything the leaving will do; POST: mark the person as having left."""
    staff = get_object_in_org(
        request, StaffMember.objects.select_related("user"), pk=pk, rule=can_mark_left
    )
    form = LeavingForm(request.POST or None, initial={"left_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            staff = leaving.staff_leave(
                staff=staff,
                left_on=form.cleaned_data["left_on"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            label = leaving.left_label(staff)
            messages.success(
                request,
                f"Увольнение отмечено: {staff.full_name}, {label[0].lower()}{label[1:]}. Пары "
                "закрыты, роли сняты, из банков исключена запись; персональные данные будут "
                f"обезличены {leaving.anonymized_on(staff):%d.%m.%Y}.",
            )
            return redirect(staff)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "mentoring/staff_leave.html",
        {"staff": staff, "form": form, "plan": leaving.leaving_plan(staff)},
        status=status,
    )
