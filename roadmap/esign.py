"""The checks before anyone signs or approves with the simple electronic signature.

The password itself is checked first, by the one sign service (``core.signing``); these run
after it, so a wrong password learns nothing about who may sign what.
"""

from django.core.exceptions import ValidationError

from core.access import has_role
from core.grammar import agree_with
from core.models import Organization, Role, User
from roadmap.selectors import esign_acknowledged, esign_regulation


def acknowledge_label(person) -> str:
    """The acknowledgement button's words in quotes, for the person's gender."""
    return f"«{agree_with(person, 'Я ознакомлен', 'Я ознакомлена')}»"


def esign_message(organization: Organization, verb: str, user: User | None = None) -> str:
    """Why the person may not yet ``verb`` («подписывать») electronically, and what to do."""
    regulation = esign_regulation(organization=organization)
    if regulation is None:
        return (
            f"Электронно {verb} документы можно только после утверждения Положения об "
            "использовании простой электронной подписи и ознакомления с ним. Такого приказа "
            "пока нет: куратор готовит его на странице «Приказы», руководитель подписывает."
        )
    return (
        f"Электронно {verb} документы можно только после ознакомления с Положением об "
        f"использовании простой электронной подписи (приказ {regulation.reference}). Откройте "
        f"этот приказ и нажмите {acknowledge_label(user)}."
    )


def esign_check(*, user: User, organization: Organization, verb: str = "подписывать") -> None:
    """Refuse in Russian unless the person has read the e-signature regulation in force."""
    if not esign_acknowledged(user=user, organization=organization):
        raise ValidationError(esign_message(organization, verb, user), code="no_esign")


def director_esign_check(
    *,
    signer: User,
    organization: Organization,
    director_only: str,
    verb: str = "утверждать",
    regulation_read: bool = False,
) -> None:
    """Refuse in Russian unless the director signs, the e-signature regulation read.

    ``director_only`` says who may sign this document; ``regulation_read=True`` skips the
    regulation (the order approving it is signed before anyone could read it).
    """
    if not has_role(signer, organization.pk, Role.DIRECTOR):
        raise ValidationError(director_only, code="not_director")
    if not regulation_read:
        esign_check(user=signer, organization=organization, verb=verb)
