"""The roll-up keeps one value per cell: «до» and «после» of each measure in two columns."""

from monitoring.models import Measure
from region.exports import HEADER, _impact_cells


def test_before_and_after_are_two_numeric_cells():
    first, second = Measure.values[:2]
    impact = [
        {"measure": first, "before": 62.5, "after": 71.0},
        {"measure": second, "before": None, "after": 80.0},
    ]
    cells = _impact_cells(impact)
    assert len(cells) == 2 * len(Measure.values)
    assert cells[:4] == [62.5, 71.0, "", ""]
    assert all(not (isinstance(c, str) and "/" in c) for c in cells)


def test_the_header_names_both_columns_of_a_measure():
    label = Measure.labels[0]
    assert HEADER[-2 * len(Measure.values) :][:2] == [f"{label}: до, %", f"{label}: после, %"]
    assert not any("/" in name for name in HEADER)
