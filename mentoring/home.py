"""The home page's cards: each app says what waits for the user in ``<app>/home_cards.py``."""

from dataclasses import dataclass
from importlib import import_module

APPS = ("mentoring", "roadmap", "programs", "monitoring")


@dataclass(frozen=True)
class HomeCard:
    """One thing that waits for the user, in plain words, with a link to where it is done."""

    title: str
    text: str
    url: str = ""
    link_label: str = "Открыть"
    count: int | None = None
    tone: str = "secondary"  # a Bootstrap colour: warning for what waits, success for done
    order: int = 100


def home_cards(request) -> list[HomeCard]:
    """All cards for the user in the current organization, in their order."""
    cards: list[HomeCard] = []
    for app in APPS:
        try:
            module = import_module(f"{app}.home_cards")
        except ModuleNotFoundError:
            continue
        cards.extend(module.cards(request))
    return sorted(cards, key=lambda card: card.order)
