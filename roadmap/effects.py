"""What signing an order does elsewhere: one registry every app plugs into.

An app puts its handlers in ``<app>/order_effects.py``::

    from roadmap.effects import on_signed, on_validate
    from roadmap.models import OrderKind

    @on_validate(OrderKind.FIX_PAIRS)
    def pairs_have_consents(order) -> list[str]:
        return ["Нет согласия участника пары № 3 на дополнительные обязанности."]

    @on_signed(OrderKind.FIX_PAIRS)
    def fix_pairs(order) -> None:
        # Through the pair's own life cycle: table check, history, audit entry.
        services.pairs_fix(order=order, pairs=list(order.subjects_of(Pair)), actor=order.signed_by)

``on_signed`` handlers run inside the signing transaction, after the number is assigned; one
that raises rolls the signing back and the number is not consumed. ``on_validate`` checks run
before sending and before signing; any problem they return blocks the step.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

SignedHandler = Callable[["Order"], None]  # noqa: F821
Validator = Callable[["Order"], list[str]]  # noqa: F821

_signed: dict[str, list[SignedHandler]] = defaultdict(list)
_validators: dict[str, list[Validator]] = defaultdict(list)


def on_signed(kind: str) -> Callable[[SignedHandler], SignedHandler]:
    """Register ``fn(order)`` to run when an order of ``kind`` is signed."""

    def register(fn: SignedHandler) -> SignedHandler:
        if fn not in _signed[str(kind)]:
            _signed[str(kind)].append(fn)
        return fn

    return register


def on_validate(kind: str) -> Callable[[Validator], Validator]:
    """Register ``fn(order) -> list[str]``: Russian problems that block sending or signing."""

    def register(fn: Validator) -> Validator:
        if fn not in _validators[str(kind)]:
            _validators[str(kind)].append(fn)
        return fn

    return register


def unregister(fn: Callable) -> None:
    """Remove a handler or validator (tests register fakes and clean up after themselves)."""
    for registry in (_signed, _validators, _annexes):
        for handlers in registry.values():
            if fn in handlers:
                handlers.remove(fn)


def problems(order) -> list[str]:
    """Everything the registered validators say blocks this order."""
    found: list[str] = []
    for fn in list(_validators.get(str(order.kind), ())):
        found.extend(str(p) for p in fn(order) or ())
    return found


def run_signed(order) -> None:
    """Call every handler for the order's kind; exceptions propagate (the caller rolls back)."""
    for fn in list(_signed.get(str(order.kind), ())):
        fn(order)


# --- annexes ------------------------------------------------------------------------------
# What an order annexes inside its signed PDF. An app registers a provider for a kind in its
# ``order_effects.py``; roadmap never imports the app::
#
#     @annexes(OrderKind.APPROVE_PROGRAMS)
#     def program_annexes(order) -> list[Annex]:
#         return [Annex(title=str(p), html=render_to_string(...)) for p in ...]


@dataclass(frozen=True)
class Annex:
    """One annex: its title (listed in the order) and its body as trusted HTML."""

    title: str
    html: str
    landscape: bool = False
    # A document the order approves carries the approval stamp instead of «к приказу»: the
    # participle agreeing with the title («УТВЕРЖДЕНО» Положение, «УТВЕРЖДЕНА» дорожная карта).
    approved: str = ""


AnnexProvider = Callable[["Order"], list[Annex]]  # noqa: F821
_annexes: dict[str, list[AnnexProvider]] = defaultdict(list)


def annexes(kind: str) -> Callable[[AnnexProvider], AnnexProvider]:
    """Register ``fn(order) -> list[Annex]`` for orders of ``kind``."""

    def register(fn: AnnexProvider) -> AnnexProvider:
        if fn not in _annexes[str(kind)]:
            _annexes[str(kind)].append(fn)
        return fn

    return register


def annexes_of(order) -> list[Annex]:
    """Every annex the registered providers give for this order, in registration order."""
    found: list[Annex] = []
    for fn in list(_annexes.get(str(order.kind), ())):
        found.extend(fn(order) or ())
    return found
