from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "monitoring"
    verbose_name = "Мониторинг"

    def ready(self):
        from monitoring.years import on_year_opened
        from roadmap.new_year import year_opened

        # The year that ends when the next one opens keeps its figures (monitoring.years).
        year_opened.register(on_year_opened)
