from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground every app stands on: accounts, organizations, roles, access, audit, letters,
    background jobs, PDF, exports, declension, the cache and the plugin registries."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Основа: пользователи, организации, роли, журнал, письма, задания"

    def ready(self):
        # Security (issue 13): a fresh login starts the sliding session's clock.
        from django.contrib.auth.signals import user_logged_in

        from core.security import touch_session_on_login

        user_logged_in.connect(touch_session_on_login, dispatch_uid="security-touch-session")

        # Every write to the project's tables makes the cached page parts stale.
        from core import cache

        cache.install()

        # Issue 26: a replaced or deleted file leaves storage, and history keeps no path to it.
        from core import file_cleanup

        file_cleanup.install()
