from django.urls import path

from region import views

app_name = "region"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:municipality>/", views.overview, name="overview"),
    path("<slug:municipality>/deadlines/", views.deadlines, name="deadlines"),
    path("<slug:municipality>/doo/new/", views.organization_create, name="organization-create"),
    path("<slug:municipality>/doo/<slug:slug>/", views.organization_detail, name="organization"),
    path(
        "<slug:municipality>/doo/<slug:slug>/refresh/",
        views.organization_refresh,
        name="organization-refresh",
    ),
    path("<slug:municipality>/export/", views.export_start, name="export-start"),
    path("<slug:municipality>/jobs/<int:pk>/", views.job_detail, name="job"),
    path("<slug:municipality>/jobs/<int:pk>/download/", views.job_download, name="job-download"),
    path("<slug:municipality>/jobs/<int:pk>/retry/", views.job_retry, name="job-retry"),
]
