"""Horizontal bar charts (0–100 %) as plain SVG: for the monitoring page, with no chart script,
and for the PDF report, which WeasyPrint draws without JavaScript (issue 24)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

BEFORE_COLOR, AFTER_COLOR, MAIN_COLOR = "#9aa5b1", "#1f6feb", "#1f6feb"

Series = tuple[str, Sequence[float | None], str]


def _lines(label: str, width: int = 38) -> list[str]:
    """Long Russian labels wrapped into lines of about ``width`` characters (three at most)."""
    lines, line = [], ""
    for word in label.split():
        if len(line) + len(word) > width and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return lines[:3]


def bar_chart_svg(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str = "",
    chart_id: str = "",
    font_family: str = "DocSerif",
    responsive: bool = False,
) -> SafeString:
    """Bars for each label and series, with a legend when there are several series.

    With ``title`` the picture is an image with that name for screen readers (``role="img"``
    and ``<title>``); the page shows the same numbers in a table beside it. ``responsive``
    scales it to the width of its box (the page); without it the size is fixed (the PDF).
    """
    label_w, bar_w, bar_h, gap = 230, 380, 14, 10
    group_h = max(bar_h * len(series) + gap, 40)  # room for three lines of a label
    legend_h = 22 if len(series) > 1 else 0
    height = legend_h + group_h * len(labels) + 20
    width = label_w + bar_w + 60
    size = 'width="100%"' if responsive else f'width="{width}" height="{height}"'
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" {size} viewBox="0 0 {width} {height}" '
        f'font-family="{escape(font_family)}" font-size="11"'
    )
    parts = []
    if title:
        title_id = f"{chart_id or 'chart'}-title"
        if chart_id:
            head += f' id="{escape(chart_id)}"'
        head += f' role="img" aria-labelledby="{escape(title_id)}"'
        parts.append(f'<title id="{escape(title_id)}">{escape(title)}</title>')
    parts.insert(0, head + ">")
    if legend_h:
        x = label_w
        for name, _values, color in series:
            parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{color}"/>')
            parts.append(f'<text x="{x + 16}" y="14">{escape(name)}</text>')
            x += 30 + 7 * len(name)
    for i, label in enumerate(labels):
        top = legend_h + i * group_h
        for n, text in enumerate(_lines(label)):
            parts.append(f'<text x="0" y="{top + 11 + n * 12}">{escape(text)}</text>')
        for j, (_name, values, color) in enumerate(series):
            value = values[i]
            y = top + j * bar_h
            if value is None:
                parts.append(f'<text x="{label_w}" y="{y + 11}" fill="#595959">нет данных</text>')
                continue
            length = max(1, bar_w * min(value, 100) / 100)
            parts.append(
                f'<rect x="{label_w}" y="{y + 1}" width="{length:.1f}" height="{bar_h - 3}" '
                f'fill="{color}"/>'
            )
            number = f"{value:.1f}".replace(".", ",")
            parts.append(f'<text x="{label_w + length + 4:.1f}" y="{y + 11}">{number} %</text>')
    axis_y = legend_h + group_h * len(labels) + 4
    for tick in (0, 25, 50, 75, 100):
        x = label_w + bar_w * tick / 100
        parts.append(
            f'<line x1="{x}" y1="{legend_h}" x2="{x}" y2="{axis_y}" stroke="#ccc" '
            'stroke-width="0.5"/>'
        )
        parts.append(f'<text x="{x - 6}" y="{axis_y + 12}" fill="#595959">{tick}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped


INDICATORS_TITLE = "Показатели целевой модели, %"
IMPACT_TITLE = "Самооценка до и после программы, %"


def page_charts(charts: dict) -> dict:
    """The monitoring page's two charts from ``dashboard.build``'s chart data, as inline SVG
    and as the rows of the tables beside them."""
    indicators, impact = charts["indicators"], charts["impact"]
    return {
        "indicators": {
            "title": INDICATORS_TITLE,
            "svg": bar_chart_svg(
                indicators["labels"],
                [("Значение", indicators["values"], MAIN_COLOR)],
                title=INDICATORS_TITLE,
                chart_id="chart-indicators",
                font_family="inherit",
                responsive=True,
            ),
            "rows": list(zip(indicators["labels"], indicators["values"], strict=True)),
        },
        "impact": {
            "title": IMPACT_TITLE,
            "svg": bar_chart_svg(
                impact["labels"],
                [
                    ("До программы", impact["before"], BEFORE_COLOR),
                    ("После программы", impact["after"], AFTER_COLOR),
                ],
                title=IMPACT_TITLE,
                chart_id="chart-impact",
                font_family="inherit",
                responsive=True,
            ),
            "rows": list(zip(impact["labels"], impact["before"], impact["after"], strict=True)),
        },
    }
