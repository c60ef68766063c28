"""The quota chart as server-rendered SVG (no script, no outside library): per department one
bar per quarter, the quarterly quota as a dashed line, an accessible title and description."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .quotas import QUARTER_QUOTA, QUARTERS

BAR = 14
GAP = 4
GROUP_GAP = 28
HEIGHT = 160
TOP = 16
BOTTOM = 56
LEFT = 32
COLOURS = {"met": "#2e7d32", "short": "#c62828", "warning": "#ef6c00", "running": "#1565c0"}


def quota_chart(rows, year):
    """``rows`` of :func:`.quotas.report` as an ``<svg>`` element (safe HTML)."""
    highest = max([QUARTER_QUOTA + 1, *(c.count for r in rows for c in r.quarters)])
    group = len(QUARTERS) * (BAR + GAP) + GROUP_GAP
    width = LEFT + max(len(rows), 1) * group
    height = TOP + HEIGHT + BOTTOM

    def y(value):
        return TOP + HEIGHT - HEIGHT * value / highest

    title = _("%(year)s 年各科室每季度发布信息条数（虚线为每季度 %(quota)s 条的要求）") % {
        "year": year,
        "quota": QUARTER_QUOTA,
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="quota-chart-title" class="quota-chart">',
        f'<title id="quota-chart-title">{escape(title)}</title>',
        f'<line x1="{LEFT}" y1="{TOP + HEIGHT}" x2="{width}" y2="{TOP + HEIGHT}" stroke="#666"/>',
    ]
    for i, row in enumerate(rows):
        x0 = LEFT + i * group
        for q, cell in zip(QUARTERS, row.quarters, strict=True):
            if cell.status == "future":
                continue
            x = x0 + (q - 1) * (BAR + GAP)
            top = y(cell.count)
            label = _("%(name)s 第%(q)s季度：%(count)s 条") % {
                "name": row.name,
                "q": q,
                "count": cell.count,
            }
            parts.append(
                f'<rect x="{x}" y="{top:.1f}" width="{BAR}" height="{TOP + HEIGHT - top:.1f}" '
                f'fill="{COLOURS.get(cell.status, "#1565c0")}"><title>{escape(label)}</title></rect>'
            )
            parts.append(
                f'<text x="{x + BAR / 2}" y="{top - 3:.1f}" font-size="10" text-anchor="middle">'
                f"{cell.count}</text>"
            )
        parts.append(
            f'<text x="{x0 + 2 * (BAR + GAP)}" y="{TOP + HEIGHT + 16}" font-size="11" '
            f'text-anchor="middle">{escape(row.name)}</text>'
        )
    quota_y = y(QUARTER_QUOTA)
    parts.append(
        f'<line x1="{LEFT}" y1="{quota_y:.1f}" x2="{width}" y2="{quota_y:.1f}" stroke="#000" '
        f'stroke-dasharray="4 3"/>'
        f'<text x="2" y="{quota_y + 4:.1f}" font-size="10">{QUARTER_QUOTA}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
