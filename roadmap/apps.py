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

        from django.db.models.signals import pre_save

        from mentoring.models import Pair
        from mentoring.models.pairs import stamp_pair_number
        from roadmap.new_year import stamp_year_start

        # A new pair records the academic year it began in (the organization's current cycle).
        pre_save.connect(stamp_year_start, sender=Pair, dispatch_uid="pair_year_start")
        # Then its number in that year («Пара № 1»), after the year is known.
        pre_save.connect(stamp_pair_number, sender=Pair, dispatch_uid="pair_number")
