from django.urls import path

from roadmap import views, views_acts

app_name = "roadmap"

urlpatterns = [
    path("", views.roadmap_detail, name="roadmap-detail"),
    path("approve/", views.roadmap_approve, name="roadmap-approve"),
    path("plan/", views.plan_versions, name="plan-versions"),
    path("plan/draft/", views.plan_draft, name="plan-draft"),
    path("plan/edit/", views.plan_edit, name="plan-edit"),
    path("plan/events/add/", views.plan_event_add, name="plan-event-add"),
    path("plan/events/<int:pk>/delete/", views.plan_event_delete, name="plan-event-delete"),
    path("plan/events/<int:pk>/done/", views.plan_event_done, name="plan-event-done"),
    path("documents/add/", views.document_add, name="document-add"),
    path("documents/<int:pk>/", views.document_download, name="document-download"),
    path("orders/", views.order_list, name="order-list"),
    path("orders/export/", views.order_export, name="order-export"),
    path("orders/new/", views.order_create, name="order-create"),
    path("orders/new/esign/", views_acts.esign_draft, name="esign-draft"),
    path("orders/new/mentors/", views.mentors_order_draft, name="mentors-order-draft"),
    path("orders/new/pairs/", views.pairs_order_draft, name="pairs-order-draft"),
    path("orders/<int:pk>/", views.order_detail, name="order-detail"),
    path("orders/<int:pk>/edit/", views.order_edit, name="order-edit"),
    path("orders/<int:pk>/delete/", views.order_delete, name="order-delete"),
    path("orders/<int:pk>/send/", views.order_send, name="order-send"),
    path("orders/<int:pk>/return/", views.order_return, name="order-return"),
    path("orders/<int:pk>/sign/", views.order_sign, name="order-sign"),
    path("orders/<int:pk>/acknowledge/", views.order_acknowledge, name="order-acknowledge"),
    path("orders/<int:pk>/preview.pdf", views.order_preview, name="order-preview"),
    path("orders/<int:pk>/file.pdf", views.order_pdf, name="order-pdf"),
    path("agreements/", views.agreement_list, name="agreement-list"),
    path("agreements/new/", views.agreement_create, name="agreement-create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("agreements/<int:pk>/sign/", views.agreement_sign, name="agreement-sign"),
    path("agreements/<int:pk>/file.pdf", views.agreement_pdf, name="agreement-pdf"),
    path("verify/agreement/<str:code>/", views.agreement_verify, name="agreement-verify"),
    path("verify/", views.verify_lookup, name="verify-lookup"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
