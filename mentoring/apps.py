from django.apps import AppConfig


class MentoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mentoring"
    verbose_name = "Наставничество: сотрудники, банки, согласия, пары"

    def ready(self):
        from core.plugins import autodiscover

        # Higher apps react to a withdrawn consent in <app>/consent_effects.py and say what
        # keeps a pair from closing in <app>/pair_effects.py.
        autodiscover("consent_effects")
        autodiscover("pair_effects")
