from django.urls import path

from core.signing import views

app_name = "signing"

urlpatterns = [
    path("", views.verify_lookup, name="verify-lookup"),
    path("<str:code>/", views.verify, name="verify"),
    path("pdf/<str:kind>/<int:pk>/", views.pdf_status, name="pdf-status"),
]
