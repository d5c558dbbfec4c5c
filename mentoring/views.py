"""Pages of the mentoring app: home, organization switch, staff."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring import selectors
from mentoring.access import MANAGING_ROLES, SESSION_KEY, access, get_object_in_org, roles_label
from mentoring.forms import StaffFilterForm
from mentoring.home import home_cards
from mentoring.models import Role, StaffMember
from mentoring.rules import can_view_staff_member

ROLE_INTRO = {
    Role.DIRECTOR: "Вы утверждаете приказы, наставников, пары и программы и видите показатели.",
    Role.CURATOR: "Вы ведёте дорожную карту, банки наставников и наставляемых, формируете пары "
    "и сопровождаете программы.",
    Role.MENTOR: "Вы заполняете анкету наставника, вместе с наставляемым пишете программу "
    "и отмечаете проведённые встречи.",
    Role.MENTEE: "Вы формулируете свои профессиональные запросы, вместе с наставником пишете "
    "программу и отвечаете на анкеты.",
    Role.COUNCIL: "Вы помогаете куратору: видите банки и программы, готовите проекты "
    "программ и приказов.",
    Role.ADMIN: "Вы ведёте пользователей, сотрудников и справочники, выгружаете статистику.",
}


@access(organization_required=False)
def home(request):
    """The landing page after login: what waits for the user in their roles."""
    intro = [(label, ROLE_INTRO[role]) for role, label in Role.choices if role in request.roles]
    return render(
        request,
        "mentoring/home.html",
        {
            "cards": home_cards(request),
            "role_intro": intro,
            "roles_text": roles_label(request.roles),
        },
    )


@require_POST
@access()
def organization_switch(request):
    """Make another organization of the user's the current one."""
    try:
        organization_id = int(request.POST.get("organization", ""))
    except ValueError:
        raise Http404 from None
    if organization_id not in request.scope.memberships:
        raise Http404
    request.session[SESSION_KEY] = organization_id
    messages.success(request, "Текущая организация изменена.")
    return redirect("home")


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
