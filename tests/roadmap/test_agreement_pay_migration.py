"""Old agreements get their pay kind and amount read from the words they were drafted with."""

from decimal import Decimal
from importlib import import_module

import pytest

migration = import_module("roadmap.migrations.0009_agreements_pay_endings")


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        ("доплата 15 % должностного оклада ежемесячно", ("percent", Decimal("15"))),
        ("Доплата 12,5% оклада", ("percent", Decimal("12.5"))),
        ("5 000 руб. в месяц", ("roubles", Decimal("5000"))),
        ("ежемесячно 3500 рублей", ("roubles", Decimal("3500"))),
        ("работа в пределах нормы часов по соглашению сторон", ("percent", None)),
        ("", ("percent", None)),
    ],
)
def test_the_amount_is_read_from_the_old_words(terms, expected):
    assert migration._parse(terms) == expected
