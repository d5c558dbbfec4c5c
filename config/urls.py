"""Top-level URLs; every view goes through core.access (see the access matrix test)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from core import health, security, views_organization
from core import views as core_views
from core.access import access, public
from core.forms_auth import LoginForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm

admin.site.site_header = "Наставничество в ДОУ — администрирование"
admin.site.site_title = "Наставничество в ДОУ"
admin.site.index_title = "Управление данными"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("organization/switch/", core_views.organization_switch, name="organization-switch"),
    path(
        "organization/requisites/",
        views_organization.organization_requisites,
        name="organization-requisites",
    ),
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
    # --- Security (issue 13): password reset by e-mail ---
    path(
        "accounts/reset/",
        public(
            security.rate_limited(
                "reset-ip",
                window=3600,
                setting="PASSWORD_RESET_IP_LIMIT",
                methods=("POST",),
                reason="С вашего адреса пришло слишком много запросов на восстановление пароля.",
            )(
                auth_views.PasswordResetView.as_view(
                    form_class=PasswordResetForm,
                    email_template_name="registration/password_reset_email.txt",
                    subject_template_name="registration/password_reset_subject.txt",
                )
            )
        ),
        name="password_reset",
    ),
    path(
        "accounts/reset/sent/",
        public(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        public(auth_views.PasswordResetConfirmView.as_view(form_class=SetPasswordForm)),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        public(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
    # --- end of security (issue 13) ---
    path("", include("mentoring.urls")),
    path("verify/", include("core.signing.urls")),
    path("roadmap/", include("roadmap.urls")),
    path("programs/", include("programs.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("public/", include("public.urls")),
    path("notifications/", include("core.urls_notifications")),
    path("jobs/", include("core.urls_jobs")),
    path("health/", health.liveness, name="health"),
    path("health/detail/", health.detail, name="health-detail"),
    path("region/", include("region.urls")),
    path("admin/", admin.site.urls),
]
