"""Small bar charts rendered on the server as inline SVG (no JavaScript, no external service).

The SVG carries its data as text for screen readers (a <title> and <desc>); pages should also
show the numbers as a table. Colours are presentation attributes, not style attributes, so the
Content-Security-Policy (no inline styles) allows them.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

BAR_COLOUR = "#0b5a7a"
TEXT_COLOUR = "#1b1f24"
MUTED_COLOUR = "#4a5560"


def _number(value: float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return str(int(value))


def _clip(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(
    items: Sequence[tuple[str, float | None]],
    *,
    title: str,
    width: int = 560,
    bar_height: int = 22,
    label_width: int = 210,
    max_value: float | None = None,
    suppressed_text: str = "<5",
) -> Markup:
    """Return a horizontal bar chart of (label, value); a None value is drawn as suppressed."""
    gap = 8
    height = max(1, len(items)) * (bar_height + gap) + gap
    values = [v for _label, v in items if v is not None]
    top = max_value if max_value is not None else max(values, default=0)
    top = top or 1
    room = width - label_width - 60
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="system-ui, sans-serif" font-size="13">',
        f"<title>{escape(title)}</title>",
        "<desc>"
        + escape(
            "; ".join(
                f"{label}: {suppressed_text if v is None else _number(v)}" for label, v in items
            )
        )
        + "</desc>",
    ]
    for index, (label, value) in enumerate(items):
        y = gap + index * (bar_height + gap)
        middle = y + bar_height / 2 + 4
        parts.append(
            f'<text x="{label_width - 6}" y="{middle:.0f}" text-anchor="end" '
            f'fill="{TEXT_COLOUR}">{escape(_clip(str(label), 30))}</text>'
        )
        if value is None:
            parts.append(
                f'<text x="{label_width + 4}" y="{middle:.0f}" fill="{MUTED_COLOUR}">'
                f"{escape(suppressed_text)}</text>"
            )
            continue
        bar = max(0.0, value) / top * room
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{bar:.1f}" height="{bar_height}" '
            f'fill="{BAR_COLOUR}" rx="2"/>'
        )
        parts.append(
            f'<text x="{label_width + bar + 6:.1f}" y="{middle:.0f}" fill="{TEXT_COLOUR}">'
            f"{escape(_number(value))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def column_chart(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    width: int = 560,
    height: int = 180,
) -> Markup:
    """Return a vertical column chart (e.g. responses per day); labels under every few columns."""
    count = max(1, len(items))
    top = max((v for _label, v in items), default=0) or 1
    bottom = height - 24
    slot = (width - 40) / count
    bar = max(2.0, slot * 0.7)
    every = max(1, count // 8)
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="system-ui, sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        "<desc>" + escape("; ".join(f"{label}: {_number(v)}" for label, v in items)) + "</desc>",
        f'<text x="0" y="12" fill="{MUTED_COLOUR}">{escape(_number(top))}</text>',
        f'<line x1="36" y1="{bottom}" x2="{width}" y2="{bottom}" stroke="{MUTED_COLOUR}"/>',
    ]
    for index, (label, value) in enumerate(items):
        x = 40 + index * slot
        h = value / top * (bottom - 18)
        parts.append(
            f'<rect x="{x:.1f}" y="{bottom - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
            f'fill="{BAR_COLOUR}"/>'
        )
        if index % every == 0:
            parts.append(
                f'<text x="{x:.1f}" y="{height - 6}" fill="{TEXT_COLOUR}">'
                f"{escape(_clip(str(label), 8))}</text>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))
