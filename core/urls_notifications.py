from django.urls import path

from core import views_notifications as views

app_name = "notifications"

urlpatterns = [
    path("", views.preferences, name="preferences"),
    path("undelivered/", views.undelivered, name="undelivered"),
    path("<int:pk>/retry/", views.email_retry, name="email-retry"),
]
