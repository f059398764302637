"""Charts as PNG images (matplotlib's Agg canvas directly: no pyplot, so no GUI backend is
ever chosen, even inside the Qt application)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

KOREAN_FONTS = ("NanumGothic", "NanumBarunGothic", "Noto Sans CJK KR", "Malgun Gothic")
DPI = 150


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
            axes.legend()
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        figure.savefig(path, format="png", metadata={"Software": None})
