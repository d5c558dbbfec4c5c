"""A finished year stays as it was: its figures are frozen when the next year is opened.

When the curator opens the next academic year (``roadmap.new_year.open_next_year``), the year
that was current is over for the kindergarten: its final report may be signed, its exports sent.
Work goes on in the new year — people enter the banks, pairs close, people leave — and the live
queries would move the old year's shares. So at that moment the figures the report and the
dashboard read (without a form or mentor filter), the pairs completed in the year and the curator
who answers for it are stored (``YearFigures``) and read from then on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from core.models import Organization
from monitoring import indicators, indicators_growth
from monitoring.models import YearFigures

# The value types inside the figures, rebuilt by name when read back.
_TYPES = {
    cls.__name__: cls
    for cls in (
        indicators.Share,
        indicators.Level,
        indicators.Change,
        indicators.ProcessMeasures,
        indicators_growth.Adaptation,
    )
}


def _encode(value):
    if dataclasses.is_dataclass(value) and type(value).__name__ in _TYPES:
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"__type__": type(value).__name__, "fields": fields}
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return {"__type__": "tuple", "items": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dt.date):
        return {"__type__": "date", "value": value.isoformat()}
    if isinstance(value, Decimal):
        return {"__type__": "decimal", "value": str(value)}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # lazy translations and choices' labels


def _decode(value):
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        kind = value.get("__type__")
        if kind == "tuple":
            return tuple(_decode(v) for v in value["items"])
        if kind == "date":
            return dt.date.fromisoformat(value["value"])
        if kind == "decimal":
            return Decimal(value["value"])
        if kind in _TYPES:
            return _TYPES[kind](**{k: _decode(v) for k, v in value["fields"].items()})
        return {k: _decode(v) for k, v in value.items()}
    return value


def freeze(organization: Organization, cycle) -> YearFigures:
    """Store the figures of ``cycle`` as they stand now (called once, as the next year opens)."""
    from monitoring import dashboard, exports, exports_indicators
    from monitoring.periods import CyclePeriod

    filters = indicators.Filters(year=CyclePeriod.of(cycle))
    data = {
        "figures": dashboard.live_figures(organization, filters),
        "completed": exports.completed_labels(organization, filters),
        "curator": exports.curator_name(organization, filters),
        # The export's table of indicators (monitoring.exports_indicators), as it stood.
        "indicator_rows": exports_indicators.indicator_rows(organization, filters),
    }
    frozen, _ = YearFigures.objects.update_or_create(
        organization=organization,
        year_start=filters.year.start_year,
        defaults={"figures": _encode(data)},
    )
    return frozen


def frozen(organization_id: int, year_start: int) -> dict | None:
    """The frozen figures of a finished year: figures, completed, curator; else None."""
    row = (
        YearFigures.objects.filter(organization_id=organization_id, year_start=year_start)
        .values_list("figures", flat=True)
        .first()
    )
    return None if row is None else _decode(row)


def frozen_by_organization(organization_ids, year_start: int) -> dict[int, dict]:
    """``frozen`` for many organizations in one query: {organization id: figures}."""
    rows = YearFigures.objects.filter(
        organization_id__in=organization_ids, year_start=year_start
    ).values_list("organization_id", "figures")
    return {organization_id: _decode(figures) for organization_id, figures in rows}


def on_year_opened(*, organization: Organization, old, new) -> None:
    """``roadmap.new_year.year_opened``: the year that was current is frozen."""
    freeze(organization, old)
