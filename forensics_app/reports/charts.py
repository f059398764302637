"""Charts as PNG images (matplotlib's Agg canvas directly: no pyplot, so no GUI backend is
ever chosen, even inside the Qt application)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

KOREAN_FONTS = ("NanumGothic", "NanumBarunGothic", "Noto Sans CJK KR", "Malgun Gothic")
DPI = 150
BAR_DAYS = 120


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


def daily_chart(
    path: Path,
    title: str,
    days: Sequence[date],
    series: Mapping[str, Sequence[int]],
    *,
    ylabel: str = "",
) -> None:
    """Counts per calendar day, the series stacked, on a date axis. Up to BAR_DAYS days are
    bars; more (years of a phone's life) are filled steps, one shape per series instead of
    thousands of rectangles: as readable, and drawn in a fraction of the time."""
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
        if len(days) <= BAR_DAYS:
            x = date2num([datetime(d.year, d.month, d.day, 12) for d in days])  # noon: the day
            bottom = [0] * len(days)
            for name, values in series.items():
                axes.bar(x, values, width=0.9, bottom=bottom, label=name)
                bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        else:
            # Every day from the first to the last, the days without events at zero.
            first, last = min(days), max(days)
            span = [first + timedelta(days=n) for n in range((last - first).days + 1)]
            index = {d: n for n, d in enumerate(span)}
            x = date2num([datetime(d.year, d.month, d.day) for d in span])
            stacked = []
            for values in series.values():
                full = [0] * len(span)
                for day, value in zip(days, values, strict=True):
                    full[index[day]] += value
                stacked.append(full)
            axes.stackplot(x, *stacked, labels=list(series), step="post", linewidth=0)
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
