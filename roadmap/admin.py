"""The admin for orders (read-only once signed), cycles and the normative base."""

from django.contrib import admin

from core.admin_export import (
    RegisterExportMixin,
    RegisterResource,
    choice,
    day,
    decimal,
    moment,
    names,
    number,
    text,
)
from core.admin_history import SimpleHistoryAdmin
from roadmap.models import (
    AgreementStatus,
    Cycle,
    MentorAgreement,
    NormativeDocument,
    Order,
    OrderPerson,
    OrderStatus,
    OrderSubject,
    RoadmapEvent,
    RoadmapStageRow,
    RoadmapVersion,
)


class OrderPersonInline(admin.TabularInline):
    model = OrderPerson
    extra = 0
    autocomplete_fields = ["staff"]
    readonly_fields = ["acknowledged_at", "acknowledged_ip"]

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.status != OrderStatus.SIGNED

    def has_add_permission(self, request, obj=None):
        return obj is None or obj.status != OrderStatus.SIGNED

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.status != OrderStatus.SIGNED


class OrderResource(RegisterResource):
    number_text = text("Номер", "number_text")
    order_date = day("Дата приказа", "order_date")
    kind = choice("Вид приказа", "kind")
    title = text("Заголовок", "title")
    status = choice("Статус", "status")
    author = text("Исполнитель", "author__full_name")
    signer_name = text("Подписал", "signer_name")
    signed_at = moment("Подписан", "signed_at")
    organization = text("Организация", "organization__short_name")

    class Meta:
        model = Order
        fields = (
            "number_text",
            "order_date",
            "kind",
            "title",
            "status",
            "author",
            "signer_name",
            "signed_at",
            "organization",
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("organization", "author")


@admin.register(Order)
class OrderAdmin(RegisterExportMixin, SimpleHistoryAdmin):
    resource_classes = [OrderResource]
    list_display = ["__str__", "organization", "kind", "status", "signed_at"]
    list_filter = ["status", "kind", "organization"]
    search_fields = ["number_text", "title"]
    list_select_related = ["organization"]
    readonly_fields = [
        "status",
        "journal",
        "journal_year",
        "number",
        "number_text",
        "order_date",
        "signed_at",
        "signed_by",
        "signer_name",
        "signer_position",
        "signed_ip",
        "pdf_sha256",
        "verify_code",
        "sent_at",
        "created_at",
    ]
    autocomplete_fields = ["organization", "author", "refers_to"]
    inlines = [OrderPersonInline]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status == OrderStatus.SIGNED:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == OrderStatus.SIGNED:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # a bulk delete could include signed orders
        return actions


@admin.register(OrderSubject)
class OrderSubjectAdmin(SimpleHistoryAdmin):
    list_display = ["order", "content_type", "object_id"]


@admin.register(Cycle)
class CycleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organization", "roadmap_approved_at"]
    list_filter = ["organization"]
    readonly_fields = ["roadmap_approved_at", "roadmap_approved_by"]


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organization", "uploaded_at"]
    list_filter = ["organization"]
    exclude = ["content"]
    readonly_fields = ["file_name", "uploaded_by"]

    def has_add_permission(self, request):
        return False  # uploaded on the roadmap page, where the file is read and checked


class MentorAgreementResource(RegisterResource):
    number = number("Номер", "number")
    mentor = text("Наставник", "mentor__full_name")
    mentees = names("Наставляемые", "mentees")
    starts_on = day("Начало наставничества", "starts_on")
    ends_on = day("Окончание наставничества", "ends_on")
    pay = choice("Оплата", "pay")
    pay_amount = decimal("Размер доплаты", "pay_amount")
    status = choice("Статус", "status")
    director_signed_at = moment("Подписано руководителем", "director_signed_at")
    mentor_signed_at = moment("Подписано наставником", "mentor_signed_at")
    organization = text("Организация", "organization__short_name")

    class Meta:
        model = MentorAgreement
        fields = (
            "number",
            "mentor",
            "mentees",
            "starts_on",
            "ends_on",
            "pay",
            "pay_amount",
            "status",
            "director_signed_at",
            "mentor_signed_at",
            "organization",
        )

    def filter_export(self, queryset, **kwargs):
        return (
            queryset.select_related("organization", "mentor")
            .prefetch_related("mentees")
            .defer("pdf")
        )


@admin.register(MentorAgreement)
class MentorAgreementAdmin(RegisterExportMixin, SimpleHistoryAdmin):
    """Read-only once both parties signed: the stored PDF is what they signed."""

    resource_classes = [MentorAgreementResource]

    list_display = ["__str__", "organization", "status", "starts_on", "ends_on"]
    list_filter = ["status", "organization"]
    raw_id_fields = ["mentor", "mentees", "created_by", "director_signed_by"]
    exclude = ["pdf"]

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.status != AgreementStatus.SIGNED

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.status == AgreementStatus.DRAFT


class RoadmapStageRowInline(admin.TabularInline):
    model = RoadmapStageRow
    extra = 0


@admin.register(RoadmapVersion)
class RoadmapVersionAdmin(SimpleHistoryAdmin):
    """Read-only once approved: a change is a new version drafted on the roadmap page."""

    list_display = ["__str__", "organization", "cycle", "status", "approved_at"]
    list_filter = ["status", "organization"]
    readonly_fields = ["approved_at", "approved_by", "approver_name", "approved_ip"]
    inlines = [RoadmapStageRowInline]

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.is_draft


@admin.register(RoadmapEvent)
class RoadmapEventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "version", "stage_number", "due_on", "done_on"]
    raw_id_fields = ["version", "copied_from"]
