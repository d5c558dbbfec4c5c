from django.urls import path

from mentoring import views

app_name = "mentoring"

urlpatterns = [
    path("organization/switch/", views.organization_switch, name="organization-switch"),
    path("staff/", views.staff_list, name="staff-list"),
    path("staff/<int:pk>/", views.staff_detail, name="staff-detail"),
]
