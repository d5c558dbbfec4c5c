"""The pages every user has: home (what waits for her in her roles) and the organization switch."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.access import SESSION_KEY, access, roles_label
from core.home import home_cards
from core.models import Role

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
        "core/home.html",
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
