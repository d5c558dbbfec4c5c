"""The checks before the director approves anything with the simple electronic signature."""

from django.core.exceptions import ValidationError

from core.access import has_role
from core.models import Organization, Role, User
from roadmap.selectors import esign_acknowledged


def director_signature_check(
    *, signer: User, organization: Organization, password: str, director_only: str, not_done: str
) -> None:
    """Refuse in Russian unless the director signs, with her password, the regulation read.

    ``director_only`` says who may approve this document; ``not_done`` what stays unapproved
    after a wrong password («Отчёт не утверждён»).
    """
    if not has_role(signer, organization.pk, Role.DIRECTOR):
        raise ValidationError(director_only, code="not_director")
    if not password or not signer.check_password(password):
        raise ValidationError(
            f"Пароль введён неверно. {not_done}: введите пароль, которым вы входите в систему.",
            code="bad_password",
        )
    if not esign_acknowledged(user=signer, organization=organization):
        raise ValidationError(
            "Утверждать документы электронной подписью можно только после ознакомления с "
            "Положением об использовании простой электронной подписи.",
            code="no_esign",
        )
