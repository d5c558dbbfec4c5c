"""The curator's «Публичный раздел»: settings, news, documents and materials, cases, final event."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.access import access, get_object_in_org
from core.models import Role
from programs.models import Case
from public import manage_selectors, services
from public.forms import FileForm, FinalEventForm, NewsForm, SettingsForm
from public.models import FileKind, NewsItem, PublicFile
from public.views import render_public

EDITORS = (Role.CURATOR, Role.ADMIN)


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@access(*EDITORS)
def manage_home(request):
    org = request.organization
    settings = services.settings_for(org)
    context = manage_selectors.overview(org)
    context["settings_form"] = SettingsForm(
        initial={
            "curator_contact": settings.curator_contact,
            "intro": settings.intro,
            "frame_ancestors": settings.frame_ancestors,
        }
    )
    context["file_form"] = FileForm(initial={"kind": request.GET.get("kind", FileKind.NORMATIVE)})
    return render(request, "public/manage/home.html", context)


@access(*EDITORS)
@require_POST
def settings_edit(request):
    form = SettingsForm(request.POST)
    if form.is_valid():
        services.settings_save(
            organization=request.organization, user=request.user, **form.cleaned_data
        )
        messages.success(request, "Настройки публичного раздела сохранены.")
        return redirect("public:manage")
    context = manage_selectors.overview(request.organization)
    context.update(settings_form=form, file_form=FileForm())
    return render(request, "public/manage/home.html", context, status=400)


@access(*EDITORS)
def news_edit(request, pk: int | None = None):
    item = get_object_in_org(request, NewsItem, pk=pk) if pk else None
    initial = (
        {
            "title": item.title,
            "body": item.body,
            "is_announcement": item.is_announcement,
            "image_alt": item.image_alt,
        }
        if item
        else {}
    )
    form = NewsForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.news_save(
                organization=request.organization, user=request.user, item=item, **data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request, "Новость сохранена. Проверьте её в предпросмотре и опубликуйте."
            )
            return redirect("public:news-edit", pk=item.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "public/manage/news_form.html", {"form": form, "item": item}, status=status
    )


@access(*EDITORS)
def news_preview(request, pk: int):
    """The news item exactly as a visitor will see it, draft or not."""
    item = get_object_in_org(request, NewsItem, pk=pk)
    from public import selectors

    site = selectors.site_for_slug(request.organization.slug)
    card = selectors.news_preview(request.organization.pk, item.pk)
    return render_public(
        request,
        site,
        "public/news_detail.html",
        {"item": card, "preview": True},
        section="news",
        title=card.title,
        description=card.body[:160],
    )


@access(*EDITORS)
@require_POST
def news_publish(request, pk: int):
    item = get_object_in_org(request, NewsItem, pk=pk)
    publish = request.POST.get("publish") == "1"
    services.news_publish(item=item, user=request.user, publish=publish)
    messages.success(request, "Новость опубликована." if publish else "Новость снята с публикации.")
    return redirect("public:manage")


@access(*EDITORS)
@require_POST
def news_delete(request, pk: int):
    item = get_object_in_org(request, NewsItem, pk=pk)
    services.news_delete(item=item, user=request.user)
    messages.success(request, "Новость удалена.")
    return redirect("public:manage")


@access(*EDITORS)
@require_POST
def file_create(request):
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        event = None
        if data["kind"] == FileKind.EVENT:
            event = manage_selectors.overview(request.organization)["event"]
            if event is None:
                form.add_error(
                    "kind", "Сначала запишите итоговое мероприятие, затем добавьте его материалы."
                )
        if form.is_valid():
            try:
                services.file_add(
                    organization=request.organization, user=request.user, final_event=event, **data
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, f"Опубликовано в разделе: «{data['title']}».")
                return redirect("public:manage")
    context = manage_selectors.overview(request.organization)
    context.update(file_form=form, settings_form=SettingsForm(), file_errors=True)
    return render(request, "public/manage/home.html", context, status=400)


@access(*EDITORS)
@require_POST
def file_delete(request, pk: int):
    item = get_object_in_org(request, PublicFile.objects.defer("content"), pk=pk)
    services.file_delete(item=item, user=request.user)
    messages.success(request, f"Убрано из раздела: «{item.title}».")
    return redirect("public:manage")


@access(*EDITORS)
@require_POST
def case_show(request, pk: int):
    case = get_object_in_org(request, Case.objects.select_related("program"), pk=pk)
    show = request.POST.get("show") == "1"
    try:
        services.case_show(case=case, user=request.user, show=show)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Кейс показан в разделе." if show else "Кейс скрыт из раздела.")
    return redirect("public:manage")


@access(*EDITORS)
def event_edit(request):
    overview = manage_selectors.overview(request.organization)
    event, cycle = overview["event"], overview["cycle"]
    choices = [
        (r.case.pk, r.case.form_and_role_model or str(r.case.pk))
        for r in overview["cases"]
        if r.visible
    ]
    initial = {}
    if event:
        initial = {
            f: getattr(event, f)
            for f in (
                "kind",
                "title",
                "held_on",
                "format",
                "participants_count",
                "participant_roles",
                "summary",
            )
        }
        initial["best_cases"] = list(event.best_cases.values_list("pk", flat=True))
    form = FinalEventForm(request.POST or None, initial=initial, case_choices=choices)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        ids = data.pop("best_cases")
        if cycle.pk is None:
            from roadmap.selectors import current_cycle

            cycle = current_cycle(request.organization)
        try:
            services.final_event_save(
                organization=request.organization,
                cycle=cycle,
                user=request.user,
                data=data,
                best_cases=list(
                    Case.objects.filter(pk__in=ids, program__organization=request.organization)
                ),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Итоговое мероприятие записано и показано в разделе.")
            return redirect("public:manage")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "public/manage/event_form.html",
        {"form": form, "event": event, "cycle": cycle},
        status=status,
    )
