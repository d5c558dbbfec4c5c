"""Top-level URLs; every view goes through mentoring.access (see the access matrix test)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from mentoring import views as mentoring_views
from mentoring.access import access, public
from mentoring.forms_auth import LoginForm, PasswordChangeForm
from mentoring.health import health_view

admin.site.site_header = "Наставничество в ДОУ — администрирование"
admin.site.site_title = "Наставничество в ДОУ"
admin.site.index_title = "Управление данными"

urlpatterns = [
    path("", mentoring_views.home, name="home"),
    path(
        "accounts/login/",
        public(
            auth_views.LoginView.as_view(
                authentication_form=LoginForm, redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("accounts/logout/", public(auth_views.LogoutView.as_view()), name="logout"),
    path(
        "accounts/password/",
        access(organization_required=False)(
            auth_views.PasswordChangeView.as_view(form_class=PasswordChangeForm)
        ),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        access(organization_required=False)(auth_views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
    path("", include("mentoring.urls")),
    path("roadmap/", include("roadmap.urls")),
    path("programs/", include("programs.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("public/", include("public.urls")),
    path("notifications/", include("mentoring.urls_notifications")),
    path("jobs/", include("mentoring.urls_jobs")),
    path("health/", health_view(), name="health"),
    path("admin/", admin.site.urls),
]
