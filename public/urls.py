from django.urls import path

from core.access import public
from public import views, views_manage
from public.feeds import NewsFeed

app_name = "public"

urlpatterns = [
    path("sitemap.xml", views.sitemap, name="sitemap"),
    # The curator's «Публичный раздел».
    path("manage/", views_manage.manage_home, name="manage"),
    path("manage/settings/", views_manage.settings_edit, name="settings-edit"),
    path("manage/news/new/", views_manage.news_edit, name="news-create"),
    path("manage/news/<int:pk>/", views_manage.news_edit, name="news-edit"),
    path("manage/news/<int:pk>/preview/", views_manage.news_preview, name="news-preview"),
    path("manage/news/<int:pk>/publish/", views_manage.news_publish, name="news-publish"),
    path("manage/news/<int:pk>/delete/", views_manage.news_delete, name="news-delete"),
    path("manage/files/new/", views_manage.file_create, name="file-create"),
    path("manage/files/<int:pk>/delete/", views_manage.file_delete, name="file-delete"),
    path("manage/cases/<int:pk>/show/", views_manage.case_show, name="case-show"),
    path("manage/event/", views_manage.event_edit, name="event-edit"),
    # The visitor's pages: the municipalities ("mo" is reserved for them, see
    # core.models.RESERVED_ORGANIZATION_SLUGS), then each kindergarten's section.
    path("", views.municipalities, name="municipalities"),
    path("mo/<slug:slug>/", views.municipality, name="municipality"),
    path("<slug:slug>/", views.about, name="about"),
    path("<slug:slug>/programs/", views.programs, name="programs"),
    path("<slug:slug>/practices/", views.practices, name="practices"),
    path("<slug:slug>/practices/<int:pk>/", views.case_detail, name="case-detail"),
    path("<slug:slug>/documents/", views.documents, name="documents"),
    path("<slug:slug>/materials/", views.materials, name="materials"),
    path("<slug:slug>/files/<int:pk>/", views.file_download, name="file-download"),
    path("<slug:slug>/news/", views.news, name="news"),
    path("<slug:slug>/partners/", views.partners, name="partners"),
    path("<slug:slug>/news/feed/", public(NewsFeed()), name="feed"),
    path("<slug:slug>/news/<int:pk>/", views.news_detail, name="news-detail"),
    path("<slug:slug>/news/<int:pk>/image/", views.news_image, name="news-image"),
]
