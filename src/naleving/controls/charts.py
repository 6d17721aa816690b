"""Small server-side SVG charts (no JavaScript). Each chart also has a table with the same numbers."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from naleving.common.formatting import percent


def bias_bars(label: str, row: dict) -> str:
    """Selection rate per group of one attribute; `row` is a presentation.bias_rows() row."""
    groups = row.get("groups") or []
    if not groups:
        return ""
    top = max((g.get("rate") or 0) for g in groups) or 1
    height, width, label_w = 24, 300, 190
    parts = [
        f'<svg role="img" aria-label="Selectieratio per groep: {escape(label)}" '
        f'width="{label_w + width + 70}" height="{height * len(groups) + 4}" class="nl-chart">'
    ]
    for i, g in enumerate(groups):
        rate = g.get("rate") or 0
        y = i * height + 2
        bar = int(width * rate / top)
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="14">{escape(g.get("label", g.get("code")))}</text>'
        )
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar}" height="16" fill="#1a4f8b"></rect>')
        parts.append(
            f'<text x="{label_w + bar + 6}" y="{y + 16}" font-size="14">{escape(g.get("rate_text", ""))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


VERDICT_COLOUR = {"ok": "#2b7a3d", "flag": "#b3261e", "insufficient_data": "#6b6b6b"}


def effectiveness_chart(rows) -> str:
    """Per run over time: the share of the population hit (bar, coloured by the bias verdict) and the hit
    rate of the investigations of the selected and of the control group (dots). The table beside it on the
    page carries the same numbers."""
    if not rows:
        return ""
    slot, plot_h, top_pad, left = 70, 140, 10, 40
    width = max(left + slot * len(rows) + 10, 640)
    top_share = max(
        ((r["run"].hits_count / r["run"].population) if r["run"].population else 0.0) for r in rows
    )
    y = lambda share: top_pad + plot_h - int(plot_h * min(max(share, 0.0), 1.0))  # noqa: E731
    parts = [
        f'<svg role="img" aria-label="Runs in de tijd: treffers en trefkans van selectie en controlegroep" '
        f'width="{width}" height="{plot_h + 60}" class="nl-chart">',
        f'<line x1="{left}" y1="{y(0)}" x2="{width - 5}" y2="{y(0)}" stroke="#333"></line>',
    ]
    for tick in (0.0, 0.5, 1.0):
        parts.append(f'<text x="0" y="{y(tick) + 4}" font-size="11">{tick:.0%}</text>')
    for i, row in enumerate(rows):
        run, effect = row["run"], row["effect"]
        x = left + i * slot + 8
        share = (run.hits_count / run.population) if run.population else 0.0
        # Selection shares are small (a few %): their bars use their own scale, up to 40 % of the height,
        # and carry their value as text; the dots use the 0-100 % axis.
        bar = int(plot_h * 0.4 * share / top_share) if top_share else 0
        pct = percent(share, 1)
        parts.append(
            f'<rect x="{x}" y="{y(0) - bar}" width="18" height="{bar}" '
            f'fill="{VERDICT_COLOUR.get(run.verdict, "#666")}"><title>{run.reference_date:%d-%m-%Y}: '
            f"{pct} van de populatie geselecteerd ({escape(run.get_verdict_display())})</title></rect>"
            f'<text x="{x - 2}" y="{y(0) - bar - 3}" font-size="10">{pct}</text>'
        )
        for offset, outcome, colour, label in (
            (30, effect.selected, "#1a4f8b", "selectie"),
            (46, effect.control, "#e17000", "controlegroep"),
        ):
            if outcome.hit_rate is not None:
                parts.append(
                    f'<circle cx="{x + offset}" cy="{y(outcome.hit_rate)}" r="5" fill="{colour}">'
                    f"<title>Trefkans {label}: {outcome.hit_rate:.0%} ({outcome.breaches} van "
                    f"{outcome.closed})</title></circle>"
                )
        parts.append(f'<text x="{x}" y="{y(0) + 16}" font-size="11">{run.reference_date:%m-%Y}</text>')
    legend_y = y(0) + 36
    parts.append(
        f'<rect x="{left}" y="{legend_y - 9}" width="10" height="10" fill="#2b7a3d"></rect>'
        f'<text x="{left + 14}" y="{legend_y}" font-size="11">aandeel geselecteerd (eigen schaal; kleur: biascheck)</text>'
        f'<circle cx="{left + 330}" cy="{legend_y - 4}" r="5" fill="#1a4f8b"></circle>'
        f'<text x="{left + 338}" y="{legend_y}" font-size="11">trefkans selectie</text>'
        f'<circle cx="{left + 450}" cy="{legend_y - 4}" r="5" fill="#e17000"></circle>'
        f'<text x="{left + 458}" y="{legend_y}" font-size="11">trefkans controlegroep</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))
