"""Pages of orders: the register, one order's life cycle and its signing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.access import MANAGING_ROLES, access, get_object_in_org
from core.cache import org_cached
from core.exports import to_csv, to_xlsx
from core.models import Role
from core.paging import kept_rows, page_of
from core.signing.services import verify_url
from core.signing.views import signing_response
from core.text import plural
from roadmap import bank_orders, local_acts, order_effects, selectors, services
from roadmap.forms import (
    OrderCreateForm,
    OrderEditForm,
    RegisterFilterForm,
    ReturnForm,
    SignForm,
)
from roadmap.models import (
    Order,
    OrderPerson,
    OrderStatus,
)
from roadmap.rules import (
    DRAFTING_ROLES,
    can_delete_order,
    can_draft_orders,
    can_edit_order,
    can_sign_order,
    can_view_order,
)
from roadmap.views.common import PAGE_SIZE, fail, ip_of

# --- the register ---------------------------------------------------------------------------


# What the register's rows and filters show: the orders, their people, the signers' names.
REGISTER_READS = ("roadmap", "people")


def _register(request):
    organization = request.organization
    form = RegisterFilterForm(
        request.GET or None,
        **org_cached(
            organization.pk,
            "orders:filters",
            lambda: {
                "years": selectors.register_years(organization=organization),
                "signers": selectors.register_signers(organization=organization),
            },
            reads=REGISTER_READS,
        ),
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
    organization = request.organization
    page = page_of(
        orders,
        request.GET.get("page"),
        per_page=PAGE_SIZE,
        organization_id=organization.pk,
        load=False,
    )
    # The rows are the same for every manager: rendered once per change of the orders or of
    # the people who acknowledge them, and kept in the organization's cache.
    pks = page.object_list
    rows = kept_rows(
        organization.pk,
        "orders:rows",
        pks,
        "roadmap/partials/order_rows.html",
        lambda: {"orders": selectors.register_rows(organization=organization, pks=pks)},
        reads=REGISTER_READS,
    )
    query = request.GET.copy()
    query.pop("page", None)
    template = "roadmap/partials/order_table.html" if request.htmx else "roadmap/order_list.html"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "can_draft": can_draft_orders(request.user, request.organization),
        },
    )


@access(*MANAGING_ROLES)
def order_export(request):
    """The filtered register as XLSX or CSV (formula-safe)."""
    _form, orders = _register(request)
    header = [
        "Номер",
        "Дата",
        "Вид",
        "Заголовок",
        "Статус",
        "Кто подписал",
        "Ознакомлены, чел.",
        "Должны ознакомиться, чел.",
        "SHA-256",
    ]
    rows = [
        [
            o.number_text,
            o.order_date,
            o.get_kind_display(),
            o.title,
            o.get_status_display(),
            o.signer_name,
            o.people_done,
            o.people_total,
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
    groups = plural(count, "пара (группа)", "пары (группы)", "пар (групп)")
    draft_message(
        request, order, f"Проект приказа о закреплении пар готов: в нём {count} {groups}."
    )
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
            "verify_url": verify_url(order.verify_code) if order.verify_code else "",
            "paragraphs": order.body.split("\n"),
            "signer_short": services.initials_first(
                order.signer_name or order.organization.director_name
            ),
            "changed_by": order.changed_by.filter(status=OrderStatus.SIGNED),
            "without_agreement": selectors.mentors_without_agreement(order),
            "regulation_first": order_effects.regulation_block(order)
            if request.roles & MANAGING_ROLES
            else None,
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
        fail(request, error)
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
        fail(request, error)
    return redirect("roadmap:order-detail", pk=pk)


@require_POST
@access(Role.DIRECTOR)
def order_sign(request, pk: int):
    order = get_object_in_org(request, Order, pk=pk)
    return signing_response(
        request,
        lambda: services.order_sign(
            order=order,
            signer=request.user,
            password=request.POST.get("password", ""),
            request=request,
        ),
        success=lambda order: (
            f"Приказ подписан: № {order.number_text} от {order.order_date:%d.%m.%Y}."
        ),
        back=reverse("roadmap:order-detail", args=[pk]),
    )


@require_POST
@access()
def order_acknowledge(request, pk: int):
    order = get_object_in_org(request, Order, pk=pk, rule=can_view_order)
    try:
        services.order_acknowledge(order=order, user=request.user, ip=ip_of(request))
        messages.success(request, "Отмечено: вы ознакомились с приказом.")
    except ValidationError as error:
        fail(request, error)
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
