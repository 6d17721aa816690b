"""Small server-side SVG charts (no JavaScript). Each chart also has a table with the same numbers."""

from django.utils.html import escape
from django.utils.safestring import mark_safe


def bias_bars(attribute: str, section: dict) -> str:
    groups = list((section.get("groups") or {}).items())
    if not groups:
        return ""
    top = max((g.get("rate") or 0) for _, g in groups) or 1
    row, width, label_w = 24, 300, 150
    parts = [
        f'<svg role="img" aria-label="Selectieratio per groep voor {escape(attribute)}" '
        f'width="{label_w + width + 70}" height="{row * len(groups) + 4}" class="nl-chart">'
    ]
    for i, (name, g) in enumerate(groups):
        rate = g.get("rate") or 0
        y = i * row + 2
        bar = int(width * rate / top)
        parts.append(f'<text x="0" y="{y + 16}" font-size="14">{escape(name)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar}" height="16" fill="#1a4f8b"></rect>')
        parts.append(f'<text x="{label_w + bar + 6}" y="{y + 16}" font-size="14">{rate:.1%}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def runs_chart(runs) -> str:
    """Hits per run over time, bars coloured by verdict (the table beside it carries the same data)."""
    if not runs:
        return ""
    top = max(r.hits_count for r in runs) or 1
    bar_w, height = 40, 120
    colour = {"ok": "#2b7a3d", "flag": "#b3261e", "insufficient_data": "#6b6b6b"}
    parts = [
        f'<svg role="img" aria-label="Aantal treffers per run" width="{len(runs) * (bar_w + 10) + 10}" '
        f'height="{height + 40}" class="nl-chart">'
    ]
    for i, run in enumerate(runs):
        h = int(height * run.hits_count / top)
        x = 10 + i * (bar_w + 10)
        parts.append(
            f'<rect x="{x}" y="{height - h + 10}" width="{bar_w}" height="{h}" fill="{colour.get(run.verdict, "#666")}">'
            f"<title>{run.reference_date:%d-%m-%Y}: {run.hits_count} treffers ({escape(run.get_verdict_display())})</title></rect>"
        )
        parts.append(f'<text x="{x}" y="{height + 30}" font-size="12">{run.reference_date:%m-%Y}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
