"""Checks of an organization's requisites: ИНН and ОГРН with their check digits."""

from __future__ import annotations

from django.core.exceptions import ValidationError

_INN10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _check_digit(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def inn_is_valid(inn: str) -> bool:
    """True for a ИНН of 10 digits (an organization) or 12 (a person) whose check digits agree."""
    if not inn.isascii() or not inn.isdigit():
        return False
    if len(inn) == 10:
        return _check_digit(inn, _INN10) == int(inn[9])
    if len(inn) == 12:
        return _check_digit(inn, _INN11) == int(inn[10]) and _check_digit(inn, _INN12) == int(
            inn[11]
        )
    return False


def ogrn_is_valid(ogrn: str) -> bool:
    """True for an ОГРН of 13 digits or an ОГРНИП of 15 whose check digit agrees."""
    if not ogrn.isascii() or not ogrn.isdigit():
        return False
    if len(ogrn) == 13:
        return int(ogrn[:12]) % 11 % 10 == int(ogrn[12])
    if len(ogrn) == 15:
        return int(ogrn[:14]) % 13 % 10 == int(ogrn[14])
    return False


def validate_inn(value: str) -> None:
    """Raise a Russian ``ValidationError`` unless ``value`` is a valid ИНН."""
    inn = (value or "").strip()
    if not inn.isascii() or not inn.isdigit() or len(inn) not in (10, 12):
        raise ValidationError(
            "ИНН состоит из 10 цифр (организация) или 12 цифр (индивидуальный предприниматель): "
            "проверьте, что введены только цифры и ни одна не пропущена.",
            code="inn_length",
        )
    if not inn_is_valid(inn):
        raise ValidationError(
            "Контрольная цифра ИНН не сходится: в номере опечатка. Сверьте ИНН с выпиской из "
            "ЕГРЮЛ или с договором.",
            code="inn_checksum",
        )


def validate_ogrn(value: str) -> None:
    """Raise a Russian ``ValidationError`` unless ``value`` is a valid ОГРН or ОГРНИП."""
    ogrn = (value or "").strip()
    if not ogrn.isascii() or not ogrn.isdigit() or len(ogrn) not in (13, 15):
        raise ValidationError(
            "ОГРН состоит из 13 цифр (организация) или 15 цифр (ОГРНИП индивидуального "
            "предпринимателя): проверьте, что введены только цифры и ни одна не пропущена.",
            code="ogrn_length",
        )
    if not ogrn_is_valid(ogrn):
        raise ValidationError(
            "Контрольная цифра ОГРН не сходится: в номере опечатка. Сверьте ОГРН с выпиской из "
            "ЕГРЮЛ.",
            code="ogrn_checksum",
        )
