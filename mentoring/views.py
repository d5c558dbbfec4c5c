"""Pages of the staff list: the list and one staff card."""

from django.core.paginator import Paginator
from django.shortcuts import render

from core.access import MANAGING_ROLES, access, get_object_in_org
from mentoring import selectors
from mentoring.forms import StaffFilterForm
from mentoring.models import StaffMember
from mentoring.rules import can_view_staff_member


@access(*MANAGING_ROLES)
def staff_list(request):
    """The organization's staff, searchable by name and filterable by position."""
    form = StaffFilterForm(request.GET or None)
    query = position = ""
    if form.is_valid():
        query, position = form.cleaned_data["q"], form.cleaned_data["position"]
    staff = selectors.staff_list(organization=request.organization, query=query, position=position)
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
    return render(request, "mentoring/staff_detail.html", {"staff": staff})
