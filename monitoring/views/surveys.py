"""Pages of questionnaires: templates and questions, assignments, filling in, answers."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.access import MANAGING_ROLES, access, get_object_in_org
from core.models import Role
from core.text import plural
from monitoring import dashboard, selectors, services
from monitoring.forms import (
    AssignmentForm,
    QuestionForm,
    SurveyTemplateForm,
)
from monitoring.models import (
    Question,
    SurveyAssignment,
    SurveyResponse,
    SurveyTemplate,
    SurveyVersion,
)
from monitoring.rules import (
    can_assign_surveys,
    can_edit_question,
    can_edit_survey_template,
    can_fill_response,
    can_manage_assignment,
    can_view_individual_answers,
    can_view_response,
)
from monitoring.views.common import CURATOR, error_text

# --- questionnaires ---------------------------------------------------------------------------


@access(*MANAGING_ROLES)
def template_list(request):
    """The organization's questionnaires; the shipped ones appear on first visit."""
    services.survey_templates_ensure(organization=request.organization)
    templates = selectors.survey_templates(organization=request.organization)
    return render(request, "monitoring/template_list.html", {"templates": templates})


@access(*CURATOR)
def template_create(request):
    form = SurveyTemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        template = services.survey_template_create(
            organization=request.organization, **form.cleaned_data
        )
        messages.success(request, "Анкета создана. Добавьте в неё вопросы.")
        return redirect("monitoring:template-detail", pk=template.pk)
    return render(request, "monitoring/template_form.html", {"form": form})


def _template_page(request, template, *, form=None, question_form=None, status=200):
    context = {
        "template": template,
        "questions": template.questions.all(),
        "versions": template.versions.all(),
        "can_edit": can_edit_survey_template(request.user, template),
        "form": form or SurveyTemplateForm(instance=template),
        "question_form": question_form or QuestionForm(),
    }
    return render(request, "monitoring/template_detail.html", context, status=status)


@access(*MANAGING_ROLES)
def template_detail(request, pk: int):
    template = get_object_in_org(request, SurveyTemplate, pk=pk)
    return _template_page(request, template)


@require_POST
@access(*CURATOR)
def template_update(request, pk: int):
    template = get_object_in_org(request, SurveyTemplate, pk=pk, rule=can_edit_survey_template)
    form = SurveyTemplateForm(request.POST, instance=SurveyTemplate.objects.get(pk=template.pk))
    if not form.is_valid():
        return _template_page(request, template, form=form, status=400)
    services.survey_template_update(template=template, **form.cleaned_data)
    messages.success(request, "Название и пояснение анкеты сохранены.")
    return redirect("monitoring:template-detail", pk=template.pk)


@require_POST
@access(*CURATOR)
def question_create(request, pk: int):
    template = get_object_in_org(request, SurveyTemplate, pk=pk, rule=can_edit_survey_template)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return _template_page(request, template, question_form=form, status=400)
    services.question_add(template=template, **form.cleaned_data)
    messages.success(request, "Вопрос добавлен.")
    return redirect("monitoring:template-detail", pk=template.pk)


@access(*CURATOR)
def question_update(request, pk: int):
    question = get_object_in_org(
        request, Question.objects.select_related("template"), pk=pk, rule=can_edit_question
    )
    form = QuestionForm(request.POST or None, instance=Question.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        services.question_update(question=question, **form.cleaned_data)
        messages.success(request, "Вопрос сохранён.")
        return redirect("monitoring:template-detail", pk=question.template_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "monitoring/question_form.html",
        {"form": form, "question": question},
        status=status,
    )


@require_POST
@access(*CURATOR)
def question_delete(request, pk: int):
    question = get_object_in_org(
        request, Question.objects.select_related("template"), pk=pk, rule=can_edit_question
    )
    services.question_delete(question=question)
    messages.success(request, "Вопрос удалён. Уже полученные ответы остались в прежней версии.")
    return redirect("monitoring:template-detail", pk=question.template_id)


@require_POST
@access(*CURATOR)
def question_move(request, pk: int):
    """Move a question up or down; htmx gets the refreshed list alone."""
    question = get_object_in_org(
        request, Question.objects.select_related("template"), pk=pk, rule=can_edit_question
    )
    services.question_move(question=question, up=request.POST.get("direction") == "up")
    template = question.template
    if request.htmx:
        return render(
            request,
            "monitoring/partials/question_list.html",
            {"template": template, "questions": template.questions.all(), "can_edit": True},
        )
    return redirect("monitoring:template-detail", pk=template.pk)


@access(*MANAGING_ROLES)
def version_detail(request, pk: int):
    version = get_object_in_org(request, SurveyVersion.objects.select_related("template"), pk=pk)
    return render(request, "monitoring/version_detail.html", {"version": version})


# --- assignments ------------------------------------------------------------------------------


@access(*MANAGING_ROLES)
def assignment_list(request):
    rows = selectors.assignments(organization=request.organization)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "monitoring/assignment_list.html",
        {"page": page, "can_assign": can_assign_surveys(request.user, request.organization)},
    )


@access(*CURATOR)
def assignment_create(request):
    services.survey_templates_ensure(organization=request.organization)
    initial = {
        "template": request.GET.get("template"),
        "moment": request.GET.get("moment"),
        "deadline": timezone.localdate() + timedelta(days=14),
    }
    form = AssignmentForm(request.POST or None, organization=request.organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.assignment_create(
                template=data["template"],
                moment=data["moment"],
                deadline=data["deadline"],
                pairs=list(data["pairs"]),
                roles=data["roles"] or services.default_roles(data["template"].kind),
                author=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = assignment.responses.count()
            who = plural(count, "участник увидит", "участника увидят", "участников увидят")
            messages.success(request, f"Анкета назначена: {count} {who} её на главной.")
            return redirect("monitoring:assignment-detail", pk=assignment.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "monitoring/assignment_form.html", {"form": form}, status=status)


@access(*MANAGING_ROLES)
def assignment_detail(request, pk: int):
    assignment = get_object_in_org(
        request, SurveyAssignment.objects.select_related("version", "created_by"), pk=pk
    )
    return render(
        request,
        "monitoring/assignment_detail.html",
        {
            "assignment": assignment,
            "responses": selectors.assignment_responses(assignment=assignment),
            "can_read": can_view_individual_answers(request.user, request.organization),
            "can_remind": can_manage_assignment(request.user, assignment),
            "is_open": assignment.deadline >= timezone.localdate(),
        },
    )


@require_POST
@access(*CURATOR)
def assignment_remind(request, pk: int):
    assignment = get_object_in_org(request, SurveyAssignment, pk=pk, rule=can_manage_assignment)
    sent = services.reminders_send(assignment=assignment)
    if sent:
        messages.success(request, f"Напоминания отправлены: {sent}.")
    else:
        messages.info(request, "Напоминать некому: все ответили, срок истёк или нет адресов.")
    return redirect("monitoring:assignment-detail", pk=assignment.pk)


# --- filling in -------------------------------------------------------------------------------


@access()
def my_surveys(request):
    responses = selectors.own_responses(user=request.user, organization=request.organization)
    return render(
        request,
        "monitoring/my_surveys.html",
        {"responses": responses, "today": timezone.localdate()},
    )


def _response(request, pk: int, rule):
    return get_object_in_org(
        request,
        SurveyResponse.objects.select_related("assignment__version", "staff", "pair"),
        pk=pk,
        rule=rule,
    )


def _fill_page(request, response, *, errors=None, posted=None, status=200):
    return render(
        request,
        "monitoring/response_fill.html",
        {
            "response": response,
            "items": dashboard.response_items(response, posted=posted, errors=errors or {}),
            "is_open": not response.is_submitted
            and response.assignment.deadline >= timezone.localdate(),
        },
        status=status,
    )


@access()
def response_fill(request, pk: int):
    """The participant's own survey: a form that saves as they go, or their sent answers."""
    response = _response(request, pk, can_fill_response)
    return _fill_page(request, response)


def _posted(request, response) -> dict[int, list[str]]:
    return {
        q["key"]: request.POST.getlist(f"q{q['key']}")
        for q in response.assignment.version.questions
    }


@require_POST
@access()
def answer_save(request, pk: int):
    """Autosave of one answer (htmx): the status line under the question."""
    response = _response(request, pk, can_fill_response)
    try:
        key = int(request.POST.get("question", ""))
    except ValueError:
        raise Http404 from None
    error = ""
    try:
        services.answer_save(
            response=response, question_key=key, raw=request.POST.getlist(f"q{key}")
        )
    except ValidationError as exc:
        error = error_text(exc)
    return render(
        request,
        "monitoring/partials/answer_status.html",
        {"error": error, "saved_at": timezone.localtime()},
    )


@require_POST
@access()
def response_submit(request, pk: int):
    response = _response(request, pk, can_fill_response)
    posted = _posted(request, response)
    try:
        services.response_submit(response=response, data=posted)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            messages.error(
                request,
                "Анкета не отправлена: ответьте на отмеченные вопросы. Остальные ответы сохранены.",
            )
            errors = {
                k: " ".join(v.messages if hasattr(v, "messages") else v)
                for k, v in error.message_dict.items()
            }
            response.refresh_from_db()
            return _fill_page(request, response, errors=errors, posted=posted, status=400)
        messages.error(request, error_text(error))
        return redirect("monitoring:response-fill", pk=response.pk)
    messages.success(request, "Спасибо! Анкета отправлена.")
    return redirect("monitoring:my-surveys")


@access(Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.MENTEE)
def response_detail(request, pk: int):
    """Individual answers: for the curator, the director and the participant themself."""
    response = _response(request, pk, can_view_response)
    return render(
        request,
        "monitoring/response_detail.html",
        {"response": response, "items": dashboard.response_items(response, posted=None, errors={})},
    )
