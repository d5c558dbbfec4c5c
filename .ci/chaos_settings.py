"""Production settings plus the chaos run's slow job kind (copied to the checkout's root)."""

from config.settings_production import *  # noqa: F403
from config.settings_production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "chaosapp"]
