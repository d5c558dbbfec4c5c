"""Pages of the roadmap app: the roadmap, orders and their register, public verification."""

from __future__ import annotations

import hashlib
import hmac

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core import security
from core.access import MANAGING_ROLES, access, get_object_in_org, public
from core.exports import to_csv, to_xlsx
from core.models import Role
from roadmap import agreements, bank_orders, local_acts, plans, selectors, services
from roadmap.forms import (
    AgreementForm,
    DocumentForm,
    EventDoneForm,
    OrderCreateForm,
    OrderEditForm,
    RegisterFilterForm,
    ReturnForm,
    RoadmapApproveForm,
    RoadmapEventForm,
    SignForm,
    StageRowFormSet,
    VerifyUploadForm,
)
from roadmap.models import (
    AgreementStatus,
    MentorAgreement,
    NormativeDocument,
    Order,
    OrderFile,
    OrderPerson,
    OrderStatus,
    RoadmapEvent,
    RoadmapVersion,
)
from roadmap.rules import (
    DRAFTING_ROLES,
    can_approve_roadmap,
    can_delete_order,
    can_draft_orders,
    can_edit_order,
    can_edit_roadmap,
    can_sign_order,
    can_upload_documents,
    can_view_agreement,
    can_view_order,
)
from roadmap.stages import STAGES, roadmap_progress

PAGE_SIZE = 25


def _ip(request) -> str | None:
    return security.client_ip(request)


def _fail(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


# --- roadmap --------------------------------------------------------------------------------


@access(*MANAGING_ROLES)
def roadmap_detail(request):
    """The seven stages of the current cycle with their progress from live data."""
    organization = request.organization
    cycle = selectors.current_cycle(organization)
    stages = roadmap_progress(organization, cycle)
    documents = NormativeDocument.objects.filter(organization=organization).defer("content")
    return render(
        request,
        "roadmap/roadmap.html",
        {
            "cycle": cycle,
            "stages": stages,
            "today": timezone.localdate(),
            "documents": documents,
            "document_form": DocumentForm(),
            "draft": selectors.draft_version(cycle),
            "approve_form": RoadmapApproveForm(),
            "can_approve": can_approve_roadmap(request.user, cycle),
            "can_edit_plan": can_edit_roadmap(request.user, organization),
            "can_upload": can_upload_documents(request.user, organization),
            "esign_order": selectors.esign_regulation(organization=organization),
            "esign_pending": selectors.esign_regulation_pending(organization=organization),
            "can_draft": can_draft_orders(request.user, organization),
        },
    )


@require_POST
@access(Role.DIRECTOR)
def roadmap_approve(request):
    """The director approves the draft version (or the standard plan) with her password."""
    cycle = selectors.current_cycle(request.organization)
    try:
        version = plans.roadmap_approve(
            cycle=cycle,
            actor=request.user,
            password=request.POST.get("password", ""),
            ip=_ip(request),
        )
        messages.success(
            request, f"Дорожная карта на {cycle.title} утверждена (редакция {version.number})."
        )
    except ValidationError as error:
        _fail(request, error)
    return redirect("roadmap:roadmap-detail")


@require_POST
@access(Role.CURATOR, Role.COUNCIL)
def plan_draft(request):
    """Open the draft version of the roadmap, preparing it from the approved one if needed."""
    cycle = selectors.current_cycle(request.organization)
    plans.roadmap_version_draft(cycle=cycle, actor=request.user)
    return redirect("roadmap:plan-edit")


@access(Role.CURATOR, Role.COUNCIL)
def plan_edit(request):
    """The curator edits the draft's stage dates and responsible people and its own events."""
    cycle = selectors.current_cycle(request.organization)
    version = selectors.draft_version(cycle)
    if version is None:
        messages.info(
            request, "Проекта новой редакции нет: подготовьте его кнопкой на этой странице."
        )
        return redirect("roadmap:roadmap-detail")
    rows = list(version.stages.all())
    initial = [
        {k: getattr(r, k) for k in ("stage_number", "starts_on", "ends_on", "responsible")}
        for r in rows
    ]
    formset = StageRowFormSet(request.POST or None, initial=initial, prefix="stages")
    if formset.is_bound and formset.total_form_count() != len(rows):
        # A stale or tampered form: show the plan again rather than guess which row is which.
        messages.error(request, "Форма устарела: обновите страницу и внесите изменения ещё раз.")
        formset = StageRowFormSet(initial=initial, prefix="stages")
    if request.method == "POST" and formset.is_bound and formset.is_valid():
        try:
            plans.roadmap_stages_update(
                version=version, rows=[f.cleaned_data for f in formset], actor=request.user
            )
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(request, "Сроки и ответственные сохранены.")
            return redirect("roadmap:plan-edit")
    return render(request, "roadmap/plan_edit.html", _plan_context(version, rows, formset))


def _plan_context(version, rows, formset, event_form=None) -> dict:

    titles = {s.number: s.title for s in STAGES}
    return {
        "version": version,
        "pairs": [(titles[r.stage_number], form) for r, form in zip(rows, formset, strict=True)],
        "formset": formset,
        "events": version.events.all(),
        "event_form": event_form or RoadmapEventForm(),
    }


@require_POST
@access(Role.CURATOR, Role.COUNCIL)
def plan_event_add(request):
    cycle = selectors.current_cycle(request.organization)
    version = selectors.draft_version(cycle)
    if version is None:
        raise Http404("No draft version.")
    form = RoadmapEventForm(request.POST)
    if form.is_valid():
        try:
            plans.roadmap_event_add(version=version, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Мероприятие добавлено в проект дорожной карты.")
            return redirect("roadmap:plan-edit")
    rows = list(version.stages.all())
    initial = [
        {k: getattr(r, k) for k in ("stage_number", "starts_on", "ends_on", "responsible")}
        for r in rows
    ]
    formset = StageRowFormSet(initial=initial, prefix="stages")
    context = _plan_context(version, rows, formset, event_form=form)
    return render(request, "roadmap/plan_edit.html", context, status=400)


@require_POST
@access(Role.CURATOR, Role.COUNCIL)
def plan_event_delete(request, pk: int):
    event = get_object_in_org(request, RoadmapEvent, pk=pk)
    try:
        plans.roadmap_event_delete(event=event, actor=request.user)
        messages.success(request, f"Мероприятие «{event.title}» удалено из проекта.")
    except ValidationError as error:
        _fail(request, error)
    return redirect("roadmap:plan-edit")


@require_POST
@access(Role.CURATOR, Role.COUNCIL)
def plan_event_done(request, pk: int):
    event = get_object_in_org(request, RoadmapEvent, pk=pk)
    form = EventDoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Дата выполнения не распознана: выберите её в календаре.")
        return redirect("roadmap:plan-versions")
    try:
        event = plans.roadmap_event_mark_done(
            event=event, actor=request.user, done_on=form.cleaned_data["done_on"]
        )
        messages.success(
            request,
            f"«{event.title}»: отмечено выполнение {event.done_on:%d.%m.%Y}."
            if event.done_on
            else f"«{event.title}»: отметка о выполнении снята.",
        )
    except ValidationError as error:
        _fail(request, error)
    return redirect("roadmap:plan-versions")


@access(*MANAGING_ROLES)
def plan_versions(request):
    """Every version of the cycle's roadmap, newest first, with its stages and events."""
    cycle = selectors.current_cycle(request.organization)
    versions = (
        RoadmapVersion.objects.filter(cycle=cycle)
        .select_related("created_by")
        .prefetch_related("stages", "events")
        .order_by("-number")[:20]
    )
    current = next((v for v in versions if not v.is_draft), None)

    return render(
        request,
        "roadmap/plan_versions.html",
        {
            "cycle": cycle,
            "versions": versions,
            "titles": {s.number: s.title for s in STAGES},
            "current_id": current.pk if current else None,
            "today": timezone.localdate(),
            "can_edit_plan": can_edit_roadmap(request.user, request.organization),
        },
    )


@require_POST
@access(Role.CURATOR, Role.COUNCIL, Role.ADMIN)
def document_add(request):
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Документ не загружен: укажите название и выберите файл.")
        return redirect("roadmap:roadmap-detail")
    try:
        services.normative_document_add(
            organization=request.organization,
            title=form.cleaned_data["title"],
            uploaded_file=form.cleaned_data["file"],
            actor=request.user,
        )
        messages.success(request, "Документ добавлен в нормативную базу.")
    except ValidationError as error:
        _fail(request, error)
    return redirect("roadmap:roadmap-detail")


@access(*MANAGING_ROLES)
def document_download(request, pk: int):
    document = get_object_in_org(request, NormativeDocument, pk=pk)
    response = HttpResponse(bytes(document.content), content_type=document.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(document.file_name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


# --- the register ---------------------------------------------------------------------------


def _register(request):
    organization = request.organization
    form = RegisterFilterForm(
        request.GET or None,
        years=selectors.register_years(organization=organization),
        signers=selectors.register_signers(organization=organization),
    )
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "kind": data["kind"],
            "status": data["status"],
            "year": data["year"],
            "signer": data["signer"],
            "query": data["q"],
        }
    return form, selectors.order_register(organization=organization, **filters)


@access(*MANAGING_ROLES)
def order_list(request):
    """The register of orders: filters, pages, links to open, download and export."""
    form, orders = _register(request)
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_acknowledgements(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    template = "roadmap/partials/order_table.html" if request.htmx else "roadmap/order_list.html"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_draft": can_draft_orders(request.user, request.organization),
        },
    )


@access(*MANAGING_ROLES)
def order_export(request):
    """The filtered register as XLSX or CSV (formula-safe)."""
    _form, orders = _register(request)
    header = ["Номер", "Дата", "Вид", "Заголовок", "Статус", "Подписал", "Ознакомлены", "SHA-256"]
    rows = [
        [
            o.number_text,
            o.order_date.strftime("%d.%m.%Y") if o.order_date else "",
            o.get_kind_display(),
            o.title,
            o.get_status_display(),
            o.signer_name,
            f"{o.people_done} из {o.people_total}",
            o.pdf_sha256,
        ]
        for o in selectors.with_acknowledgements(orders)
    ]
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    if request.GET.get("format") == "csv":
        response = HttpResponse(to_csv(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="orders-{stamp}.csv"'
        return response
    response = HttpResponse(
        to_xlsx({"Приказы": (header, rows)}),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="orders-{stamp}.xlsx"'
    return response


# --- one order ------------------------------------------------------------------------------


@access(*DRAFTING_ROLES)
def order_create(request):
    """Draft an order from the template of its kind."""
    organization = request.organization
    form = OrderCreateForm(
        request.POST or None,
        organization=organization,
        initial={"kind": request.GET.get("kind", "")},
    )
    if request.method == "POST" and form.is_valid():
        people = list(form.cleaned_data["people"])
        curator = form.cleaned_data["curator"]
        if curator is not None:
            people = [curator, *(p for p in people if p.pk != curator.pk)]
        try:
            order = services.order_draft(
                organization=organization,
                kind=form.cleaned_data["kind"],
                author=request.user,
                people=people,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            draft_message(request, order, "Проект приказа создан. Проверьте текст и отправьте его.")
            return redirect("roadmap:order-edit", pk=order.pk)
    return render(request, "roadmap/order_create.html", {"form": form})


def draft_message(request, order: Order, created_text: str) -> None:
    """Say whether a new draft was made or the existing one for the same people was opened."""
    if order.reused_draft:
        messages.info(
            request,
            "Проект такого приказа о тех же людях уже есть: открыт он, второй не создан.",
        )
    else:
        messages.success(request, created_text)


@require_POST
@access(Role.CURATOR)
def mentors_order_draft(request):
    """The bank's button: draft the appointment order for every mentor ready for it."""
    try:
        order, left_out = bank_orders.mentors_order_draft(
            organization=request.organization, author=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("mentoring:mentor-list")
    for text in left_out:
        messages.warning(request, text)
    count = order.subjects.count()
    draft_message(request, order, f"Проект приказа о назначении наставников готов: {count} чел.")
    return redirect(order.get_absolute_url())


@require_POST
@access(Role.CURATOR)
def pairs_order_draft(request):
    """The pairs page's button: draft the order fixing every agreed pair."""
    try:
        order = bank_orders.pairs_order_draft(
            organization=request.organization, author=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("mentoring:pair-list")
    count = order.subjects.count()
    draft_message(request, order, f"Проект приказа о закреплении пар готов: {count}.")
    return redirect(order.get_absolute_url())


@access(*DRAFTING_ROLES)
def order_delete(request, pk: int):
    """GET asks to confirm; POST deletes the author's draft."""
    order = get_object_in_org(request, Order, pk=pk, rule=can_delete_order)
    if request.method != "POST":
        return render(request, "roadmap/order_delete.html", {"order": order})
    try:
        services.order_delete(order=order, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(order.get_absolute_url())
    messages.success(request, f"Проект приказа «{order.title}» удалён.")
    return redirect("roadmap:order-list")


def _order_queryset():
    return Order.objects.select_related(
        "organization", "author", "signed_by", "refers_to"
    ).prefetch_related(
        Prefetch("people", queryset=OrderPerson.objects.select_related("staff", "staff__user")),
    )


@access()
def order_detail(request, pk: int):
    """The order as it will be printed, its status, who acknowledged it and its history."""
    order = get_object_in_org(request, _order_queryset(), pk=pk, rule=can_view_order)
    people = list(order.people.all())
    own = next((p for p in people if p.staff.user_id == request.user.pk), None)
    joined_later = False
    if own is None and order.is_signed:
        card = local_acts.concerns(user=request.user, order=order)
        if card is not None:  # not on the frozen list: she joined after the signing
            own, joined_later = OrderPerson(order=order, staff=card), True
    later_people = []
    if request.roles & MANAGING_ROLES and local_acts.is_in_force(order):
        later_people = list(  # joined after the signing, not on the list until they read it
            local_acts.concerned_staff(organization=order.organization, kind=order.kind).exclude(
                pk__in=[p.staff_id for p in people]
            )
        )
    return render(
        request,
        "roadmap/order_detail.html",
        {
            "order": order,
            "people": people,
            "own_link": own,
            "joined_later": joined_later,
            "later_people": later_people,
            "can_edit": can_edit_order(request.user, order),
            "can_sign": can_sign_order(request.user, order),
            "can_delete": can_delete_order(request.user, order),
            "is_manager": bool(request.roles & MANAGING_ROLES),
            "sign_form": SignForm(),
            "return_form": ReturnForm(),
            "esign_ok": selectors.esign_acknowledged(
                user=request.user, organization=request.organization
            ),
            "esign_order": selectors.esign_regulation(organization=request.organization),
            "esign_pending": selectors.esign_regulation_pending(organization=request.organization),
            "verify_url": services.verify_url(order.verify_code) if order.verify_code else "",
            "paragraphs": order.body.split("\n"),
            "signer_short": services.initials_first(
                order.signer_name or order.organization.director_name
            ),
            "changed_by": order.changed_by.filter(status=OrderStatus.SIGNED),
            "without_agreement": selectors.mentors_without_agreement(order),
        },
    )


@access(*DRAFTING_ROLES)
def order_edit(request, pk: int):
    order = get_object_in_org(request, Order, pk=pk)
    if not can_edit_order(request.user, order):
        messages.error(
            request,
            "Этот приказ нельзя изменить: подписанный приказ заморожен, а приказ на подписи "
            "можно менять только после возврата.",
        )
        return redirect(order)
    initial = {
        "title": order.title,
        "body": order.body,
        "annexes": order.annexes,
        "document_text": order.document_text,
    }
    form = OrderEditForm(
        request.POST or None, initial=initial, with_document=bool(order.document_text)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.order_update(order=order, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if "send" in request.POST:
                return order_send(request, pk)
            messages.success(request, "Изменения сохранены.")
            return redirect(order)
    return render(request, "roadmap/order_edit.html", {"order": order, "form": form})


@require_POST
@access(*DRAFTING_ROLES)
def order_send(request, pk: int):
    order = get_object_in_org(request, Order, pk=pk)
    try:
        services.order_send(order=order, actor=request.user)
        messages.success(request, "Приказ отправлен руководителю на подпись.")
    except ValidationError as error:
        _fail(request, error)
    return redirect("roadmap:order-detail", pk=pk)


@require_POST
@access(Role.DIRECTOR)
def order_return(request, pk: int):
    order = get_object_in_org(request, Order, pk=pk)
    form = ReturnForm(request.POST)
    try:
        services.order_return(order=order, actor=request.user, comment=form.data.get("comment", ""))
        messages.success(request, "Приказ возвращён исполнителю на доработку.")
    except ValidationError as error:
        _fail(request, error)
    return redirect("roadmap:order-detail", pk=pk)


@require_POST
@access(Role.DIRECTOR)
def order_sign(request, pk: int):
    order = get_object_in_org(request, Order, pk=pk)
    if security.password_reentry_locked(request, request.user):
        return security.lockout_response(request)
    try:
        order = services.order_sign(
            order=order,
            signer=request.user,
            password=request.POST.get("password", ""),
            ip=_ip(request),
        )
        messages.success(
            request, f"Приказ подписан: №{order.number_text} от {order.order_date:%d.%m.%Y}."
        )
    except ValidationError as error:
        if getattr(error, "code", None) == "bad_password":
            security.password_reentry_failed(request, request.user)
        _fail(request, error)
    return redirect("roadmap:order-detail", pk=pk)


@require_POST
@access()
def order_acknowledge(request, pk: int):
    order = get_object_in_org(request, Order, pk=pk, rule=can_view_order)
    try:
        services.order_acknowledge(order=order, user=request.user, ip=_ip(request))
        messages.success(request, "Отмечено: вы ознакомились с приказом.")
    except ValidationError as error:
        _fail(request, error)
    return redirect("roadmap:order-detail", pk=pk)


@access(*MANAGING_ROLES)
def order_preview(request, pk: int):
    """The draft as it will be printed (no number, no stamp); nothing is stored."""
    order = get_object_in_org(
        request, Order.objects.select_related("organization", "author"), pk=pk
    )
    response = HttpResponse(services.order_preview_pdf(order), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="order-{order.pk}-draft.pdf"'
    return response


@access()
def order_pdf(request, pk: int):
    """The signed file, exactly as stored at signing."""
    order = get_object_in_org(request, Order, pk=pk, rule=can_view_order)
    file = OrderFile.objects.filter(order=order).first()
    if file is None:
        raise Http404("No signed file.")
    response = HttpResponse(bytes(file.content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="prikaz-{order.number}.pdf"'
    return response


# --- public verification --------------------------------------------------------------------


@public
@security.rate_limited("verify")
def verify_lookup(request):
    """A page to type in the code printed in the stamp, for those who can't scan the QR."""
    code = request.GET.get("code", "").strip()
    if code and services.VERIFY_CODE_RE.match(code):
        return redirect("roadmap:verify", code=code)
    if code:
        return render(request, "roadmap/verify_unknown.html", {"code": code}, status=404)
    return render(request, "roadmap/verify_lookup.html")


@public
@security.rate_limited("verify")
def verify(request, code: str):
    """Anyone with the QR code confirms an order and checks that a file is the signed one."""
    well_formed = bool(services.VERIFY_CODE_RE.match(code))
    order = (
        Order.objects.select_related("organization")
        .filter(verify_code=code if well_formed else "-", status=OrderStatus.SIGNED)
        .first()
    )
    if order is None:
        return render(request, "roadmap/verify_unknown.html", status=404)
    result = None
    form = (
        VerifyUploadForm(request.POST, request.FILES)
        if request.method == "POST"
        else VerifyUploadForm()
    )
    if request.method == "POST" and form.is_valid():
        digest = hashlib.sha256()
        for chunk in form.cleaned_data["file"].chunks():
            digest.update(chunk)
        uploaded = digest.hexdigest()
        result = {
            "match": hmac.compare_digest(uploaded, order.pdf_sha256),
            "sha256": uploaded,
        }
    return render(request, "roadmap/verify.html", {"order": order, "form": form, "result": result})


# --- the mentor's additional agreement (ТК РФ ст. 351.8) ------------------------------------


@access(*MANAGING_ROLES)
def agreement_list(request):
    agreements = (
        MentorAgreement.objects.filter(organization=request.organization)
        .select_related("mentor")
        .prefetch_related("mentees")
        .defer("pdf")[:200]
    )
    return render(request, "roadmap/agreement_list.html", {"agreements": agreements})


@access(*DRAFTING_ROLES)
def agreement_create(request):
    initial = {"content": agreements.DEFAULT_CONTENT, "mentor": request.GET.get("mentor")}
    form = AgreementForm(request.POST or None, initial=initial, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = agreements.agreement_draft(
                organization=request.organization, author=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Проект соглашения готов: его подписывает руководитель.")
            return redirect(agreement)
    return render(request, "roadmap/agreement_form.html", {"form": form})


@access()
def agreement_detail(request, pk: int):
    agreement = get_object_in_org(
        request,
        MentorAgreement.objects.select_related("mentor", "organization").defer("pdf"),
        pk=pk,
        rule=can_view_agreement,
    )
    can_sign = (
        agreement.status == AgreementStatus.DRAFT
        and Role.DIRECTOR in request.roles
        or agreement.status == AgreementStatus.DIRECTOR_SIGNED
        and agreement.mentor.user_id == request.user.pk
    )
    context = {**agreements.agreement_pdf_context(agreement), "can_sign": can_sign}
    return render(request, "roadmap/agreement_detail.html", context)


@require_POST
@access()
def agreement_sign(request, pk: int):
    agreement = get_object_in_org(request, MentorAgreement, pk=pk, rule=can_view_agreement)
    try:
        agreement = agreements.agreement_sign(
            agreement=agreement,
            signer=request.user,
            password=request.POST.get("password", ""),
            ip=_ip(request),
        )
        messages.success(request, f"Соглашение подписано: {agreement.get_status_display()}.")
    except ValidationError as error:
        _fail(request, error)
    return redirect("roadmap:agreement-detail", pk=pk)


@access()
def agreement_pdf(request, pk: int):
    agreement = get_object_in_org(request, MentorAgreement, pk=pk, rule=can_view_agreement)
    if not agreement.is_signed:
        raise Http404("Not signed yet.")
    response = HttpResponse(bytes(agreement.pdf), content_type="application/pdf")
    name = f"soglashenie-{agreement.number}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@public
def agreement_verify(request, code: str):
    """Anyone with the QR code confirms that the agreement was signed by both parties."""
    well_formed = bool(services.VERIFY_CODE_RE.match(code))
    agreement = (
        MentorAgreement.objects.select_related("organization", "mentor")
        .defer("pdf")
        .filter(verify_code=code if well_formed else "-", status=AgreementStatus.SIGNED)
        .first()
    )
    if agreement is None:
        return render(request, "roadmap/verify_unknown.html", status=404)
    return render(request, "roadmap/agreement_verify.html", {"agreement": agreement})
