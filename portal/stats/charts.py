"""A bar chart of a daily series as inline, accessible SVG (no JavaScript, no CDN)."""

import math

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from portal.core.formatting import date, number

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 8, 12, 28


def nice_scale(value, most_steps=5):
    """``(top, step)`` of the y axis: whole-number steps of 1, 2 or 5 × 10ⁿ, at most
    ``most_steps`` of them, and ``top`` the first tick at or above ``value``, so every
    tick is a round number at its true height (a bar of 3 ends on the "3" line)."""
    value = max(int(math.ceil(value)), 0)
    if value == 0:
        return 4, 1
    magnitude = 1
    while True:
        for multiple in (1, 2, 5):
            step = multiple * magnitude
            if math.ceil(value / step) <= most_steps:
                return step * math.ceil(value / step), step
        magnitude *= 10


def bar_chart(series, title, description):
    """``series`` = [(day, value)]; returns SVG with <title>/<desc> and role="img"."""
    n = len(series) or 1
    top_value, step_value = nice_scale(max((v for _, v in series), default=0))
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / n
    bar = max(slot * 0.8, 1)
    grid = []
    for value in range(0, top_value + 1, step_value):
        y = TOP + plot_h - plot_h * value / top_value
        grid.append((round(y, 1), number(value)))
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
