from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programs"
    verbose_name = "Персонализированные программы"

    def ready(self):
        from django.db.models.signals import pre_save

        from programs.activity import rules  # noqa: F401 — registers the template predicates
        from programs.models import Program
        from roadmap.new_year import stamp_year_start

        # A new program records the academic year it began in (the organization's current cycle).
        pre_save.connect(stamp_year_start, sender=Program, dispatch_uid="program_year_start")
