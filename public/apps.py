from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = "Публичный раздел"

    def ready(self) -> None:
        from public import signals  # noqa: F401  (cache invalidation on changes below)
