from django.apps import AppConfig


class MentoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mentoring"
    verbose_name = "Наставничество: организации, сотрудники, роли"

    def ready(self):
        from mentoring.plugins import autodiscover

        # Higher apps react to a withdrawn consent in <app>/consent_effects.py and say what
        # keeps a pair from closing in <app>/pair_effects.py.
        autodiscover("consent_effects")
        autodiscover("pair_effects")

        # Security (issue 13): a fresh login starts the sliding session's clock.
        from django.contrib.auth.signals import user_logged_in

        from mentoring.security import touch_session_on_login

        user_logged_in.connect(touch_session_on_login, dispatch_uid="security-touch-session")

        # Every write to the project's tables makes the cached page parts stale.
        from mentoring import cache

        cache.install()
