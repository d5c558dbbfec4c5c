from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "roadmap"
    verbose_name = "Дорожная карта и приказы"

    def ready(self):
        from core.plugins import autodiscover, related_documents
        from roadmap.selectors import order_documents_about

        # Each app's handlers of signed orders live in <app>/order_effects.py.
        autodiscover("order_effects")
        related_documents.register(order_documents_about)

        from core.plugins import academic_years
        from roadmap.new_year import year_start_now

        # The year new pairs and programs begin in: the apps below ask for it by this registry.
        academic_years.register(year_start_now)
