"""Charts as hand-written SVG, rendered on the server so the web page and the PDF show the same picture.

Every chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that states the figures in words,
carries this period's values as text labels next to the bars or points (the previous period's are in the
description and in the table), and uses colours with at least 3:1 contrast
against the white background (navy #00436f for this period, grey #6b6b6b for the previous one). A
suppressed figure draws no bar; its label says "<5" or "niet getoond", exactly as the table does.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape

from naleving.reports.suppression import Figure

CURRENT, PREVIOUS, TEXT, GRID = "#00436f", "#6b6b6b", "#1a1a1a", "#d0d0d0"
WIDTH, LABEL_W, VALUE_W = 640, 210, 110
FONT = 'font-family="DejaVu Sans, Arial, sans-serif" font-size="12"'


@dataclass(frozen=True)
class Bar:
    label: str
    current: Figure
    previous: Figure | None = None


def _number(figure: Figure | None) -> float | None:
    if figure is None or figure.suppressed or figure.value is None:
        return None
    try:
        return float(figure.value)
    except (TypeError, ValueError):
        return None


def _describe(bars: Sequence[Bar], current_label: str, previous_label: str | None) -> str:
    parts = []
    for bar in bars:
        text = f"{bar.label}: {bar.current.shown}"
        if bar.previous is not None and previous_label:
            text += f" ({previous_label}: {bar.previous.shown})"
        parts.append(text)
    return f"{current_label}. " + "; ".join(parts) + "."


def _svg_open(chart_id: str, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="nl-chart" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT}>',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]


def _legend(current_label: str, previous_label: str | None, y: int) -> list[str]:
    out = [
        f'<rect x="{LABEL_W}" y="{y}" width="12" height="12" fill="{CURRENT}"/>',
        f'<text x="{LABEL_W + 18}" y="{y + 10}" fill="{TEXT}">{escape(current_label)}</text>',
    ]
    if previous_label:
        x = LABEL_W + 180
        out += [
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{PREVIOUS}"/>',
            f'<text x="{x + 18}" y="{y + 10}" fill="{TEXT}">{escape(previous_label)}</text>',
        ]
    return out


def _bar(
    x0: int, y: int, width: float, height: int, colour: str, figure: Figure, *, label: bool = True
) -> list[str]:
    out = []
    if width > 0:
        out.append(f'<rect x="{x0}" y="{y}" width="{width:.1f}" height="{height}" fill="{colour}"/>')
    if label:
        out.append(
            f'<text x="{x0 + width + 4:.1f}" y="{y + height - 1}" fill="{TEXT}">{escape(figure.shown)}</text>'
        )
    return out


def bar_chart(
    chart_id: str,
    title: str,
    bars: Sequence[Bar],
    *,
    current_label: str,
    previous_label: str | None = None,
) -> str:
    """Horizontal bars, one group per row: this period, and the previous one when given."""
    with_previous = previous_label is not None and any(b.previous is not None for b in bars)
    bar_h, gap = 12, 10
    group_h = bar_h * (2 if with_previous else 1) + gap
    top = 28
    height = top + group_h * len(bars) + 8
    numbers = [n for b in bars for n in (_number(b.current), _number(b.previous)) if n is not None]
    scale_max = max([*numbers, 0.0]) or 1.0
    area = WIDTH - LABEL_W - VALUE_W
    out = _svg_open(
        chart_id, height, title, _describe(bars, current_label, previous_label if with_previous else None)
    )
    out += _legend(current_label, previous_label if with_previous else None, 6)
    out.append(f'<line x1="{LABEL_W}" y1="{top - 4}" x2="{LABEL_W}" y2="{height - 6}" stroke="{GRID}"/>')
    for i, bar in enumerate(bars):
        y = top + i * group_h
        out.append(
            f'<text x="{LABEL_W - 8}" y="{y + bar_h - 1}" text-anchor="end" fill="{TEXT}">{escape(_short(bar.label))}</text>'
        )
        value = _number(bar.current)
        out += _bar(LABEL_W, y, area * max(value or 0, 0) / scale_max, bar_h, CURRENT, bar.current)
        if with_previous and bar.previous is not None:
            value = _number(bar.previous)
            # The previous period's value is in the table next to the chart and in the description;
            # without a label of its own the chart stays light to render in the PDF.
            out += _bar(
                LABEL_W,
                y + bar_h,
                area * max(value or 0, 0) / scale_max,
                bar_h,
                PREVIOUS,
                bar.previous,
                label=False,
            )
    out.append("</svg>")
    return "".join(out)


def line_chart(chart_id: str, title: str, points: Sequence[Bar], *, current_label: str) -> str:
    """A line through the points (e.g. months), each with its value as a label; suppressed points break it."""
    height, left, right, top, bottom = 220, 40, 40, 30, 40  # room for half the first and last label
    numbers = [n for p in points if (n := _number(p.current)) is not None]
    scale_max = max([*numbers, 0.0]) or 1.0
    step = (WIDTH - left - right) / max(len(points) - 1, 1)
    plot_h = height - top - bottom
    out = _svg_open(chart_id, height, title, _describe(points, current_label, None))
    out.append(
        f'<line x1="{left}" y1="{height - bottom}" x2="{WIDTH - right}" y2="{height - bottom}" stroke="{GRID}"/>'
    )
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, point in enumerate(points):
        x = left + i * step
        value = _number(point.current)
        out.append(
            f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle" fill="{TEXT}">{escape(point.label)}</text>'
        )
        if value is None:
            segments.append(segment)
            segment = []
            out.append(
                f'<text x="{x:.1f}" y="{height - bottom - 6}" text-anchor="middle" fill="{TEXT}">{escape(point.current.shown)}</text>'
            )
            continue
        y = top + plot_h * (1 - value / scale_max)
        segment.append(f"{x:.1f},{y:.1f}")
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{CURRENT}"/>')
        out.append(
            f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" fill="{TEXT}">{escape(point.current.shown)}</text>'
        )
    segments.append(segment)
    for part in segments:
        if len(part) > 1:
            out.insert(
                5, f'<polyline points="{" ".join(part)}" fill="none" stroke="{CURRENT}" stroke-width="2"/>'
            )
    out.append("</svg>")
    return "".join(out)


def _short(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
