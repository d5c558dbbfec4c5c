"""Pages of the staff list: the list and one staff card."""

from django.core.paginator import Paginator
from django.shortcuts import render

from core.access import MANAGING_ROLES, access, get_object_in_org
from mentoring import leaving, selectors
from mentoring.forms import StaffFilterForm
from mentoring.models import StaffMember
from mentoring.rules import can_view_staff_member


@access(*MANAGING_ROLES)
def staff_list(request):
    """The organization's staff, searchable by name and filterable by position; who left is
    hidden unless asked for."""
    form = StaffFilterForm(request.GET or None)
    query = position = ""
    if form.is_valid():
        query, position = form.cleaned_data["q"], form.cleaned_data["position"]
    with_left = form.is_valid() and form.cleaned_data["left"]
    staff = selectors.staff_list(
        organization=request.organization, query=query, position=position, with_left=with_left
    )
    page = Paginator(staff, 25).get_page(request.GET.get("page"))
    template = (
        "mentoring/partials/staff_table.html" if request.htmx else "mentoring/staff_list.html"
    )
    return render(request, template, {"form": form, "page": page})


@access()
def staff_detail(request, pk: int):
    """One staff card: managers see any, a person sees their own."""
    staff = get_object_in_org(
        request, StaffMember.objects.select_related("user"), pk=pk, rule=can_view_staff_member
    )
    return render(
        request,
        "mentoring/staff_detail.html",
        {
            "staff": staff,
            "left_label": leaving.left_label(staff),
            "anonymized_on": leaving.anonymized_on(staff),
        },
    )
