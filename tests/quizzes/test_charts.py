"""Dashboard charts: well-formed, accessible SVG that escapes what users typed."""

import xml.etree.ElementTree as ET
from datetime import date, timedelta

from django.utils.safestring import SafeString

from quizzes import charts

SVG = "{http://www.w3.org/2000/svg}"
END = date(2026, 5, 2)


def parse(markup: str) -> ET.Element:
    assert isinstance(markup, SafeString)
    root = ET.fromstring(str(markup))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    # Bars fill their card; a heatmap keeps its own scale (a width in px).
    assert root.get("width") == "100%" or root.get("width").isdigit()
    assert root.get("viewBox", "").startswith("0 0 ")
    return root


def cells(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if "cell" in r.get("class", "").split()]


def bars(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if "bar" in r.get("class", "").split()]


def title(element: ET.Element) -> str:
    return element.find(f"{SVG}title").text


def texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def test_heatmap_has_a_cell_per_day_with_a_title():
    counts = {END: 3, END - timedelta(days=1): 1, END - timedelta(days=400): 9}
    root = parse(charts.heatmap_svg(counts, end=END))
    found = cells(root)
    assert len(found) == 365
    by_date = {c.get("data-date"): c for c in found}
    assert title(by_date["2026-05-02"]) == "3 reviews on 2026-05-02"
    assert title(by_date["2026-05-01"]) == "1 review on 2026-05-01"
    assert title(by_date["2026-04-30"]) == "0 reviews on 2026-04-30"
    # the busiest day is darkest; days outside the window are ignored
    assert "heat-4" in by_date["2026-05-02"].get("class")
    assert "heat-0" in by_date["2026-04-30"].get("class")
    assert "2025-03-28" not in by_date


def test_heatmap_summary_label():
    counts = {END - timedelta(days=i): 14 for i in range(87)}
    counts[END - timedelta(days=100)] = 16
    label = parse(charts.heatmap_svg(counts, end=END)).get("aria-label")
    assert label == "1,234 reviews in the last 365 days, on 88 days"


def test_heatmap_layout_weeks_and_months():
    root = parse(charts.heatmap_svg({}, end=END, days=365))
    found = cells(root)
    columns = {c.get("x") for c in found}
    rows = {c.get("y") for c in found}
    assert len(rows) == 7
    assert len(columns) == 53
    labels = texts(root)
    assert {"Jun", "Jan", "May"} <= set(labels)
    assert {"Mon", "Wed", "Fri"} <= set(labels)


def test_heatmap_uses_five_levels():
    counts = {END - timedelta(days=i): i for i in range(10)}
    root = parse(charts.heatmap_svg(counts, end=END))
    levels = {c.get("class").split()[-1] for c in cells(root)}
    assert levels == {"heat-0", "heat-1", "heat-2", "heat-3", "heat-4"}


def test_heatmap_empty():
    root = parse(charts.heatmap_svg({}, end=END))
    assert root.get("aria-label") == "0 reviews in the last 365 days"
    assert all(c.get("class") == "cell heat-0" for c in cells(root))


def test_heatmap_short_window():
    root = parse(charts.heatmap_svg({END: 1}, end=END, days=7))
    assert len(cells(root)) == 7
    assert root.get("aria-label") == "1 review in the last 7 days, on 1 day"


def test_forecast_has_a_bar_per_day():
    start = date(2026, 5, 2)
    counts = {start: 12, start + timedelta(days=3): 30, start + timedelta(days=40): 99}
    root = parse(charts.forecast_svg(counts, start=start))
    found = bars(root)
    assert len(found) == 30
    assert title(found[0]) == "12 cards due today"
    assert title(found[1]) == "0 cards due on 2026-05-03"
    assert title(found[3]) == "30 cards due on 2026-05-05"
    heights = [float(b.get("height")) for b in found]
    assert heights[3] == max(heights) > heights[0] > heights[1] == 0
    assert root.get("aria-label") == (
        "42 cards due in the next 30 days; the busiest day is 2026-05-05 with 30"
    )
    labels = texts(root)
    assert {"Today", "9 May", "Cards due", "Day", "0", "30"} <= set(labels)


def test_forecast_empty_and_custom_length():
    root = parse(charts.forecast_svg({}, start=END, days=7))
    assert len(bars(root)) == 7
    assert root.get("aria-label") == "No cards due in the next 7 days"


def test_bar_chart_rows_and_percentages():
    root = parse(charts.bar_svg([("World War II", 0.734), ("Cold War", 0.0), ("Rome", 1.0)]))
    fills = bars(root)
    tracks = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "bar-track"]
    assert len(fills) == len(tracks) == 3
    widths = [float(r.get("width")) for r in fills]
    assert widths[1] == 0 and widths[2] == float(tracks[2].get("width"))
    assert 0 < widths[0] < widths[2]
    labels = texts(root)
    assert {"World War II", "73%", "0%", "100%"} <= set(labels)
    assert root.get("aria-label") == "World War II 73%; Cold War 0%; Rome 100%"


def test_bar_chart_clamps_odd_values():
    root = parse(charts.bar_svg([("Over", 1.7), ("Under", -0.2), ("Missing", None)]))
    assert {"100%", "0%"} <= set(texts(root))


def test_bar_chart_escapes_deck_titles():
    evil = "<script>alert(\"x\")</script> & 'friends'"
    markup = charts.bar_svg([(evil, 0.5)])
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup
    root = parse(markup)
    assert evil in root.get("aria-label")
    assert evil in texts(root)
    assert title(root.find(f"{SVG}g")) == f"{evil}: 50%"


def test_bar_chart_truncates_long_titles_but_keeps_them_in_the_title():
    long_title = "The Wars of the Three Kingdoms in England, Scotland and Ireland"
    root = parse(charts.bar_svg([(long_title, 0.25)]))
    shown = [t for t in texts(root) if t.startswith("The Wars")][0]
    assert shown.endswith("…") and len(shown) <= 40
    assert title(root.find(f"{SVG}g")) == f"{long_title}: 25%"


def test_bar_chart_strips_control_characters():
    root = parse(charts.bar_svg([("Deck\x00\x1b one", 0.5)]))
    assert "Deck one" in texts(root)


def test_bar_chart_empty():
    root = parse(charts.bar_svg([]))
    assert root.get("aria-label") == "No data yet"
    assert texts(root) == ["No data yet"]
    assert bars(root) == []


def test_charts_use_css_classes_not_fixed_colours():
    for markup in (
        charts.heatmap_svg({END: 2}, end=END),
        charts.forecast_svg({END: 2}, start=END),
        charts.bar_svg([("Deck", 0.5)]),
    ):
        assert 'fill="#' not in markup
        assert "style=" not in markup


def test_a_twelve_week_heatmap_keeps_its_scale_instead_of_filling_a_wide_page():
    root = parse(charts.heatmap_svg({}, end=date(2026, 3, 1), days=84))
    assert int(root.get("width")) < 400  # about 16 px a day, not 5 times that at 1280 px
    assert "chart-heatmap-long" not in root.get("class")


def test_a_years_heatmap_is_marked_long_so_a_phone_scrolls_it():
    root = parse(charts.heatmap_svg({}, end=date(2026, 3, 1)))
    assert "chart-heatmap-long" in root.get("class")
