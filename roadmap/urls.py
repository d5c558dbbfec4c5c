from django.urls import path

from core.signing import views as signing
from roadmap.views import acts, agreements, council, new_year, orders, roadmap

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
        "agreements/<int:pk>/file.pdf",
        signing.signed_pdf,
        {"kind": "agreement"},
        name="agreement-pdf",
    ),
    path("council/", council.council_detail, name="council"),
    path("council/order/", council.council_order_create, name="council-order-create"),
    path("council/meetings/new/", council.meeting_create, name="council-meeting-create"),
    path("council/meetings/<int:pk>/", council.meeting_detail, name="council-meeting-detail"),
    path("council/meetings/<int:pk>/edit/", council.meeting_edit, name="council-meeting-edit"),
    path("council/meetings/<int:pk>/sign/", council.meeting_sign, name="council-meeting-sign"),
    path(
        "council/meetings/<int:pk>/protocol.pdf",
        signing.signed_pdf,
        {"kind": "council_protocol"},
        name="council-protocol-pdf",
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
