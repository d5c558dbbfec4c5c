"""The «Уведомления» page and the curator's list of letters that were not delivered."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core import notifications
from core.access import access, get_object_in_org
from core.models import NotificationKind, OutgoingEmail, Role
from core.models.notifications import OPTIONAL_KINDS, REQUIRED_KINDS

MAIL_MANAGERS = (Role.CURATOR, Role.DIRECTOR, Role.ADMIN)


@access(organization_required=False)
def preferences(request):
    if request.method == "POST":
        chosen = [kind for kind in request.POST.getlist("kind") if kind in OPTIONAL_KINDS]
        notifications.preferences_save(user=request.user, enabled=chosen)
        messages.success(request, "Настройки уведомлений сохранены.")
        return redirect("notifications:preferences")
    current = notifications.preferences_of(request.user)
    context = {
        "optional": [
            (kind, NotificationKind(kind).label, current[kind]) for kind in OPTIONAL_KINDS
        ],
        "required": [
            NotificationKind(kind).label for kind in NotificationKind if kind in REQUIRED_KINDS
        ],
        "has_email": bool(request.user.email),
    }
    return render(request, "notifications/preferences.html", context)


@access(*MAIL_MANAGERS)
def undelivered(request):
    emails = notifications.undelivered_emails(request.organization)
    page = Paginator(emails, 25).get_page(request.GET.get("page"))
    context = {"page": page, "max_attempts": notifications.MAX_ATTEMPTS}
    return render(request, "notifications/undelivered.html", context)


@require_POST
@access(*MAIL_MANAGERS)
def email_retry(request, pk: int):
    email = get_object_in_org(request, OutgoingEmail, pk=pk)
    notifications.email_retry(email=email)
    messages.success(request, f"Письмо для {email.to_email} снова поставлено в очередь.")
    return redirect("notifications:undelivered")
