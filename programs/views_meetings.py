"""The meeting log and the calendar: a meeting's .ics, the person's private subscription."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.access import access, get_object_in_org, public
from programs import calendar, services
from programs.forms import MeetingForm
from programs.models import Meeting
from programs.rules import can_view_program, is_program_participant
from programs.views import ANYONE, attach_errors, load_program, program_page_context


@require_POST
@access(*ANYONE)
def meeting_add(request, pk: int):
    program = load_program(request, pk, rule=is_program_participant, page=False)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_log(program=program, data=form.cleaned_data, user=request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Встреча записана в журнал.")
            return redirect(program.get_absolute_url() + "#meetings")
    context = program_page_context(request, program)
    context["meeting_form"] = form
    return render(request, "programs/detail.html", context, status=422)


@access(*ANYONE)
def meeting_ics(request, pk: int):
    meeting = get_object_in_org(request, Meeting.objects.select_related("program__pair"), pk=pk)
    if not can_view_program(request.user, meeting.program):
        raise Http404
    response = HttpResponse(
        calendar.meeting_ics(meeting), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@access(*ANYONE)
def calendar_settings(request):
    """The person's private subscription URL for meetings and plan deadlines."""
    token = calendar.calendar_token_get(user=request.user)
    feed_url = calendar.feed_url(token)
    # webcal:// opens the phone's or computer's calendar app with the subscription ready.
    webcal_url = "webcal://" + feed_url.split("://", 1)[-1]
    return render(
        request, "programs/calendar.html", {"feed_url": feed_url, "webcal_url": webcal_url}
    )


@require_POST
@access(*ANYONE)
def calendar_reset(request):
    calendar.calendar_token_reset(user=request.user)
    messages.success(
        request,
        "Создана новая ссылка. Старая больше не работает: подпишитесь на календарь заново.",
    )
    return redirect("programs:calendar-settings")


@public
def calendar_feed(request, token: str):
    """The subscription itself: calendar programs poll it without a login, by the secret."""
    from programs.models import CalendarToken

    found = CalendarToken.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        raise Http404
    response = HttpResponse(
        calendar.feed_ics(found.user), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=900"
    return response
