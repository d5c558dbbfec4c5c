"""Data for the charts of the coordinator's pages (rendered by static/region/region.js)."""

from __future__ import annotations

from monitoring.dashboard import SHORT
from roadmap.stages import STAGES


def _impact(impact: list[dict]) -> dict:
    return {
        "labels": [SHORT[item["measure"]] for item in impact],
        "before": [item["before"] for item in impact],
        "after": [item["after"] for item in impact],
    }


def _trend(trend: list[dict]) -> dict:
    return {
        "labels": [item["label"] for item in trend],
        "teachers": [item["teachers_percent"] for item in trend],
        "young": [item["young_percent"] for item in trend],
        "sat_mentee": [item["satisfaction_mentee"] for item in trend],
        "sat_mentor": [item["satisfaction_mentor"] for item in trend],
    }


def overview(stages: dict[int, int], totals: dict, trend: list[dict]) -> dict:
    """``stages``: how many ДОУ are at each stage (``selectors.stage_counts``)."""
    by_stage = {stage.number: stages.get(stage.number, 0) for stage in STAGES}
    return {
        "stages": {
            "labels": [f"Этап {n}" for n in by_stage],
            "titles": [stage.title for stage in STAGES],
            "values": list(by_stage.values()),
        },
        "impact": _impact(totals["impact"]),
        "trend": _trend(trend),
    }


def organization(impact: list[dict], trend: list[dict]) -> dict:
    return {"impact": _impact(impact), "trend": _trend(trend)}
