from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programs"
    verbose_name = "Персонализированные программы"

    def ready(self):
        from programs.activity import rules  # noqa: F401 — registers the template predicates
