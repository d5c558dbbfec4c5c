"""The home page's cards: each app says what waits for the user in ``<app>/home_cards.py``.

An app's ``cards(request)`` is a short list of card functions run by ``collect``. Each card
function takes the request's ``HomeContext`` and returns a ``HomeCard``, a list of them, or
``None``. A lookup that several cards need is a function marked ``@per_request``: it runs once
per request however many cards ask for it.

A module may name the groups of tables its cards read (``READS``, ``core.cache_tables``): its
cards are then kept until one of those changes, apart from the other apps' (``home_cards``).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, wraps
from typing import TypeVar

from core.access import MANAGING_ROLES
from core.cache import EVERYTHING, org_cached, org_cached_many
from core.plugins import autodiscover

T = TypeVar("T")


@dataclass(frozen=True)
class HomeStep:
    """One step of a card's checklist: done or waiting, with where it is done."""

    label: str
    done: bool
    detail: str = ""
    url: str = ""


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
    steps: tuple[HomeStep, ...] = ()  # a checklist shown under the text


class HomeContext:
    """The request as the cards see it; one per request, shared by every app's cards."""

    def __init__(self, request):
        self.request = request
        self.user = request.user
        self.organization = request.organization
        self.roles: frozenset[str] = request.roles
        self._memo: dict[Callable, object] = {}

    @classmethod
    def of(cls, request) -> "HomeContext":
        context = getattr(request, "_home_context", None)
        if context is None:
            context = request._home_context = cls(request)
        return context

    def has(self, *roles: str) -> bool:
        """True when the user holds one of ``roles`` in the current organization."""
        return bool(self.roles.intersection(roles))

    @property
    def is_managing(self) -> bool:
        return bool(self.roles & MANAGING_ROLES)

    @cached_property
    def staff_record(self):
        """The user's own staff card in the organization, if one is linked (a StaffMember)."""
        return self.user.staff_records.filter(organization=self.organization).first()


def per_request(lookup: Callable[[HomeContext], T]) -> Callable[[HomeContext], T]:
    """Run ``lookup`` once per request, however many cards ask for it."""

    @wraps(lookup)
    def cached(home: HomeContext) -> T:
        if lookup not in home._memo:
            home._memo[lookup] = lookup(home)
        return home._memo[lookup]  # type: ignore[return-value]

    return cached


CardFunction = Callable[[HomeContext], "HomeCard | Iterable[HomeCard] | None"]


def collect(request, card_functions: Iterable[CardFunction]) -> list[HomeCard]:
    """Run an app's card functions for the request; none run outside an organization."""
    home = HomeContext.of(request)
    if home.organization is None:
        return []
    result: list[HomeCard] = []
    for card_function in card_functions:
        produced = card_function(home)
        if produced is None:
            continue
        if isinstance(produced, HomeCard):
            result.append(produced)
        else:
            result.extend(produced)
    return result


def home_cards(request) -> list[HomeCard]:
    """All cards for the user in the current organization, in their order.

    Each app's cards are kept in the organization's cache apart (``core.cache``), until a table
    of the groups its module names in ``READS`` changes (a module without ``READS`` reads
    everything): a write to the programs leaves the cards of the orders and the banks as they
    were. The key holds the user and her roles, which decide what every card shows.
    """
    if request.organization is None:
        cards = [card for module in autodiscover("home_cards") for card in module.cards(request)]
        return sorted(cards, key=lambda card: card.order)
    organization_id = request.organization.pk
    whose = f"{request.user.pk}:{','.join(sorted(request.roles))}"

    def build() -> list[HomeCard]:
        modules = autodiscover("home_cards")
        parts = [
            (f"home:{module.__name__}:{whose}", getattr(module, "READS", EVERYTHING))
            for module in modules
        ]
        found = org_cached_many(
            organization_id, parts, lambda missing: [modules[i].cards(request) for i in missing]
        )
        cards = [card for cards in found for card in cards]
        return sorted(cards, key=lambda card: card.order)

    # The whole page's cards while nothing in the organization changes (one look-up); then
    # each app's that read nothing written are taken as they were (all in two look-ups).
    return org_cached(organization_id, f"home:{whose}", build)
