"""The director's page of her organization's requisites."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.access import access
from core.forms import RequisitesForm
from core.models import Role
from core.organizations import organization_requisites_update

REQUISITE_KEEPERS = (Role.DIRECTOR, Role.ADMIN)


@access(*REQUISITE_KEEPERS)
def organization_requisites(request):
    """The director (or the kindergarten's admin) edits the requisites documents carry."""
    organization = request.organization
    form = RequisitesForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        try:
            organization_requisites_update(
                organization=organization, data=form.cleaned_data, actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Реквизиты сохранены.")
            return redirect("organization-requisites")
    organization.refresh_from_db()  # a refused form must not leave the page header changed
    missing = organization.missing_requisites
    return render(request, "core/requisites.html", {"form": form, "missing": missing})
