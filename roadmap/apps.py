from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig, apps


class RoadmapConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "roadmap"
    verbose_name = "Дорожная карта и приказы"

    def ready(self):
        # Each app's handlers of signed orders live in <app>/order_effects.py.
        for config in apps.get_app_configs():
            module = f"{config.name}.order_effects"
            if find_spec(config.name) is not None and _has_module(module):
                import_module(module)


def _has_module(name: str) -> bool:
    try:
        return find_spec(name) is not None
    except ModuleNotFoundError:
        return False
