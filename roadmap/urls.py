from django.urls import path

from core.signing import views as signing
from roadmap.views import acts, agreements, cooperation, new_year, orders, roadmap

app_name = "roadmap"

urlpatterns = [
    path("", roadmap.roadmap_detail, name="roadmap-detail"),
    path("approve/", roadmap.roadmap_approve, name="roadmap-approve"),
    path("new-year/", new_year.new_year, name="new-year"),
    path("plan/", roadmap.plan_versions, name="plan-versions"),
    path("plan/draft/", roadmap.plan_draft, name="plan-draft"),
    path("plan/edit/", roadmap.plan_edit, name="plan-edit"),
    path("plan/events/add/", roadmap.plan_event_add, name="plan-event-add"),
    path("plan/events/<int:pk>/delete/", roadmap.plan_event_delete, name="plan-event-delete"),
    path("plan/events/<int:pk>/done/", roadmap.plan_event_done, name="plan-event-done"),
    path(
        "plan/<int:pk>/signed.pdf",
        signing.signed_pdf,
        {"kind": "roadmap"},
        name="plan-version-pdf",
    ),
    path("documents/add/", roadmap.document_add, name="document-add"),
    path("documents/<int:pk>/", roadmap.document_download, name="document-download"),
    path("orders/", orders.order_list, name="order-list"),
    path("orders/export/", orders.order_export, name="order-export"),
    path("orders/new/", orders.order_create, name="order-create"),
    path("orders/new/esign/", acts.esign_draft, name="esign-draft"),
    path("orders/new/mentors/", orders.mentors_order_draft, name="mentors-order-draft"),
    path("orders/new/pairs/", orders.pairs_order_draft, name="pairs-order-draft"),
    path("orders/<int:pk>/", orders.order_detail, name="order-detail"),
    path("orders/<int:pk>/edit/", orders.order_edit, name="order-edit"),
    path("orders/<int:pk>/delete/", orders.order_delete, name="order-delete"),
    path("orders/<int:pk>/send/", orders.order_send, name="order-send"),
    path("orders/<int:pk>/return/", orders.order_return, name="order-return"),
    path("orders/<int:pk>/sign/", orders.order_sign, name="order-sign"),
    path("orders/<int:pk>/acknowledge/", orders.order_acknowledge, name="order-acknowledge"),
    path("orders/<int:pk>/preview.pdf", orders.order_preview, name="order-preview"),
    path("orders/<int:pk>/file.pdf", signing.signed_pdf, {"kind": "order"}, name="order-pdf"),
    path("agreements/", agreements.agreement_list, name="agreement-list"),
    path("agreements/new/", agreements.agreement_create, name="agreement-create"),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="agreement-detail"),
    path("agreements/<int:pk>/sign/", agreements.agreement_sign, name="agreement-sign"),
    path(
        "agreements/<int:pk>/refuse/",
        agreements.agreement_end,
        {"kind": "refusal"},
        name="agreement-refuse",
    ),
    path(
        "agreements/<int:pk>/withdraw/",
        agreements.agreement_end,
        {"kind": "withdrawal"},
        name="agreement-withdraw",
    ),
    path(
        "agreements/endings/<int:pk>/file.pdf",
        signing.signed_pdf,
        {"kind": "agreement_ending"},
        name="agreement-ending-pdf",
    ),
    path(
        "agreements/<int:pk>/file.pdf",
        signing.signed_pdf,
        {"kind": "agreement"},
        name="agreement-pdf",
    ),
    path("cooperation/", cooperation.cooperation_list, name="cooperation-list"),
    path("cooperation/new/", cooperation.cooperation_create, name="cooperation-create"),
    path("cooperation/<int:pk>/", cooperation.cooperation_detail, name="cooperation-detail"),
    path("cooperation/<int:pk>/sign/", cooperation.cooperation_sign, name="cooperation-sign"),
    path(
        "cooperation/<int:pk>/partner-signed/",
        cooperation.cooperation_partner_signed,
        name="cooperation-partner-signed",
    ),
    path("cooperation/<int:pk>/scan/", cooperation.cooperation_scan, name="cooperation-scan"),
    path(
        "cooperation/<int:pk>/file.pdf",
        signing.signed_pdf,
        {"kind": "cooperation"},
        name="cooperation-pdf",
    ),
    path("joint-events/", cooperation.joint_event_list, name="joint-event-list"),
    path("joint-events/new/", cooperation.joint_event_create, name="joint-event-create"),
    path("joint-events/<int:pk>/", cooperation.joint_event_edit, name="joint-event-edit"),
    path(
        "joint-events/<int:pk>/delete/", cooperation.joint_event_delete, name="joint-event-delete"
    ),
    # Addresses printed in QR codes before signing became one capability: the one verify page.
    path(
        "verify/agreement/<str:code>/",
        signing.verify,
        {"kind": "agreement"},
        name="agreement-verify",
    ),
    path(
        "verify/",
        signing.verify_lookup,
        {"kind": "order", "verify_name": "roadmap:verify"},
        name="verify-lookup",
    ),
    path("verify/<str:code>/", signing.verify, {"kind": "order"}, name="verify"),
]
