"""The home page's cards: each app says what waits for the user in ``<app>/home_cards.py``."""

from dataclasses import dataclass

from mentoring.plugins import autodiscover


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
    cards = [card for module in autodiscover("home_cards") for card in module.cards(request)]
    return sorted(cards, key=lambda card: card.order)
