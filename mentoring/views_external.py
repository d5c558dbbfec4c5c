"""Pages of mentors from outside the staff: the curator adds and edits one (seed 004)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.access import access, get_object_in_org
from core.models import Role
from mentoring.forms_external import ExternalMentorForm
from mentoring.models import StaffMember
from mentoring.rules import can_edit_staff
from mentoring.services.external import external_mentor_save

CURATOR = (Role.CURATOR,)


def _form_page(request, staff: StaffMember | None):
    form = ExternalMentorForm(
        request.POST or None, instance=staff, organization=request.organization
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = external_mentor_save(
                organization=request.organization,
                actor=request.user,
                staff=staff,
                **{name: form.cleaned_data.get(name) for name in form.Meta.fields},
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if staff is None:
                messages.success(
                    request,
                    f"{saved.full_name} — внешний наставник. Заполните анкету наставника, "
                    "затем отметьте согласия.",
                )
                return redirect("mentoring:mentor-edit", staff_pk=saved.pk)
            messages.success(request, "Изменения сохранены.")
            return redirect(saved)
    return render(request, "mentoring/external_mentor_form.html", {"form": form, "staff": staff})


@access(*CURATOR)
def external_mentor_create(request):
    """The curator adds a person who is not an employee to the mentors' people."""
    return _form_page(request, None)


@access(*CURATOR)
def external_mentor_edit(request, pk: int):
    staff = get_object_in_org(
        request, StaffMember.objects.filter(is_external=True), pk=pk, rule=can_edit_staff
    )
    return _form_page(request, staff)
