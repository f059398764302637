"""Charts as PNG images (matplotlib's Agg canvas directly: no pyplot, so no GUI backend is
ever chosen, even inside the Qt application)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

KOREAN_FONTS = ("NanumGothic", "NanumBarunGothic", "Noto Sans CJK KR", "Malgun Gothic")
DPI = 150
MAX_BARS = 120  # more bars than this are slivers on an A4 page


@cache
def korean_font() -> str | None:
    from matplotlib import font_manager

    available = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in KOREAN_FONTS if name in available), None)


def bar_chart(
    path: Path,
    title: str,
    categories: Sequence[str],
    series: Mapping[str, Sequence[int]],
    *,
    horizontal: bool = False,
    xlabel: str = "",
) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font = korean_font()
    rc: Any = {"font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"]}
    import matplotlib

    with matplotlib.rc_context(rc):
        figure = Figure(figsize=(8, 3.6), dpi=DPI)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        count = len(series)
        width = 0.8 / max(count, 1)
        positions = range(len(categories))
        for index, (name, values) in enumerate(series.items()):
            offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
            if horizontal:
                bars = axes.barh(offsets, values, height=width, label=name)
            else:
                bars = axes.bar(offsets, values, width=width, label=name)
            if len(categories) <= 30:
                axes.bar_label(bars, fontsize=7, padding=2)
        if horizontal:
            axes.set_yticks(list(positions), list(categories))
            axes.invert_yaxis()
        else:
            step = max(1, len(categories) // 20)
            axes.set_xticks(list(positions)[::step], list(categories)[::step], rotation=45)
            if xlabel:
                axes.set_xlabel(xlabel)
        axes.set_title(title)
        if count > 1:
            # A fixed place: "best" is searched for, and warns when that takes a while.
            axes.legend(loc="upper right")
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        figure.savefig(path, format="png", metadata={"Software": None})


def period_chart(
    path: Path,
    title: str,
    starts: Sequence[date],
    series: Mapping[str, Sequence[int]],
    unit: str,
    *,
    ylabel: str = "",
) -> None:
    """Counts per period (day, week, month or year, each bar starting where its period does
    and as wide as it), the series stacked, on a date axis. The caller picks a period that
    keeps the bars countable: a day's bar on a seven-year axis is narrower than a pixel."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure

    font = korean_font()
    rc: Any = {"font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"]}
    import matplotlib

    with matplotlib.rc_context(rc):
        figure = Figure(figsize=(8, 3.6), dpi=DPI)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        left = date2num([datetime(d.year, d.month, d.day) for d in starts])
        widths = [0.9 * _period_days(d, unit) for d in starts]
        bottom = [0] * len(starts)
        for name, values in series.items():
            axes.bar(left, values, width=widths, bottom=bottom, align="edge", label=name)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        locator = AutoDateLocator()
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        if ylabel:
            axes.set_ylabel(ylabel)
        axes.set_title(title)
        if len(series) > 1:
            axes.legend(loc="upper right")
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        figure.savefig(path, format="png", metadata={"Software": None})


def chart_period(first: date, last: date) -> str:
    """The shortest period that draws the span from `first` to `last` in at most MAX_BARS
    bars."""
    days = (last - first).days + 1
    for unit, size in (("day", 1), ("week", 7), ("month", 31)):
        if days / size <= MAX_BARS:
            return unit
    return "year"


def _period_days(start: date, unit: str) -> int:
    if unit == "day":
        return 1
    if unit == "week":
        return 7
    if unit == "month":
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return (following - start).days
    return (date(start.year + 1, 1, 1) - start).days
