"""A bar chart of a daily series as inline, accessible SVG (no JavaScript, no CDN)."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from portal.formatting import date, number

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 8, 12, 28


def _nice_max(value):
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if top >= value:
            return int(top)
    return int(10 * magnitude)


def bar_chart(series, title, description):
    """``series`` = [(day, value)]; returns SVG with <title>/<desc> and role="img"."""
    n = len(series) or 1
    top_value = _nice_max(max((v for _, v in series), default=0))
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / n
    bar = max(slot * 0.8, 1)
    grid = []
    for i in range(5):
        value = top_value * i / 4
        y = TOP + plot_h - plot_h * i / 4
        grid.append((y, number(int(value))))
    bars = []
    for i, (day, value) in enumerate(series):
        h = plot_h * value / top_value if top_value else 0
        x = LEFT + i * slot + (slot - bar) / 2
        bars.append((f"{x:.1f}", f"{TOP + plot_h - h:.1f}", f"{bar:.1f}", f"{h:.1f}", date(day), number(value)))
    step = max(1, n // 7)
    labels = [
        (f"{LEFT + i * slot + slot / 2:.1f}", date(day)[:5]) for i, (day, _) in enumerate(series) if i % step == 0
    ]
    return format_html(
        '<svg class="stats-chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="stats-chart-title stats-chart-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="stats-chart-title">{title}</title><desc id="stats-chart-desc">{desc}</desc>'
        "{grid}{bars}{labels}</svg>",
        w=WIDTH,
        h=HEIGHT,
        title=title,
        desc=description,
        grid=format_html_join(
            "",
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#ccc" stroke-width="1"/>'
            '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#333">{}</text>',
            ((LEFT, WIDTH - RIGHT, y, y, LEFT - 6, y + 4, label) for y, label in grid),
        ),
        bars=format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" fill="#b71c1c"><title>{}: {}</title></rect>',
            bars,
        ),
        labels=format_html_join(
            "",
            '<text x="{}" y="' + str(HEIGHT - 8) + '" font-size="11" text-anchor="middle" fill="#333">{}</text>',
            labels,
        )
        or mark_safe(""),
    )
