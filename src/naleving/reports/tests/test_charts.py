"""The SVG charts: accessible (role, title, desc, text labels) and faithful to suppression."""

from decimal import Decimal

from naleving.reports.charts import Bar, bar_chart, line_chart
from naleving.reports.suppression import Figure


def _fig(value, shown=None, suppressed=False):
    return Figure(value, shown or str(value), suppressed)


def test_bar_chart_is_an_accessible_image_with_its_values_as_text():
    svg = bar_chart(
        "c1",
        "Signalen naar herkomst",
        [Bar("Collega", _fig(12), _fig(8)), Bar("Ketenpartner", Figure(None, "<5", True), _fig(6))],
        current_label="2025",
        previous_label="2024",
    )
    assert 'role="img"' in svg and 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Signalen naar herkomst</title>' in svg
    assert "Collega: 12 (2024: 8); Ketenpartner: &lt;5 (2024: 6)." in svg  # the desc states the figures
    assert ">12<" in svg and ">&lt;5<" in svg  # this period labelled; the previous one is in the desc
    # bars: 12 and 8 and 6 are drawn, the suppressed one is not (plus 2 legend squares and the background)
    assert svg.count("<rect") == 1 + 2 + 3


def test_bar_chart_without_previous_period_and_with_rates():
    svg = bar_chart("c2", "Trefkans", [Bar("A", _fig(Decimal("0.5"), "50,0%"))], current_label="2025")
    assert "2024" not in svg and ">50,0%<" in svg


def test_line_chart_breaks_at_a_suppressed_month():
    points = [
        Bar("jan", _fig(10)),
        Bar("feb", Figure(None, "<5", True)),
        Bar("mrt", _fig(7)),
        Bar("apr", _fig(9)),
    ]
    svg = line_chart("c3", "Signalen per maand", points, current_label="2025")
    assert svg.count("<circle") == 3
    assert svg.count("<polyline") == 1  # only mrt-apr is a line; jan stands alone
    assert "jan: 10; feb: &lt;5; mrt: 7; apr: 9." in svg
