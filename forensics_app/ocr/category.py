"""Ad category of a flyer from the Korean words on it, by editable keyword lists.

The lists live in resources/ocr/keywords.toml (shipped as forensics_app.resources), so an
analyst can add the slang of the season without touching code.
"""

from __future__ import annotations

import functools
import importlib.resources
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blocking.enums import AdCategory

STRONG_WEIGHT = 3


@dataclass(frozen=True)
class CategoryRule:
    category: str
    keywords: tuple[str, ...]
    strong: tuple[str, ...]
    weight: int = 1


def default_keywords_path() -> Path:
    """resources/ocr/keywords.toml, installed as forensics_app.resources; an editable install
    made before that mapping existed cannot import it, so the checkout's folder is the fallback."""
    try:
        folder = importlib.resources.files("forensics_app.resources") / "ocr"
        return Path(str(folder)) / "keywords.toml"
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "resources" / "ocr" / "keywords.toml"


@dataclass(frozen=True)
class DocumentRule:
    """Words of receipts and other documents: enough of them and the photo is no ad."""

    markers: tuple[str, ...]
    min_markers: int


DOCUMENTS = "documents"


@functools.cache
def load_documents(path: Path | None = None) -> DocumentRule:
    data: dict[str, Any] = tomllib.loads((path or default_keywords_path()).read_text("utf-8"))
    table = data.get(DOCUMENTS, {})
    return DocumentRule(
        markers=tuple(_squash(m).upper() for m in table.get("markers", [])),
        min_markers=int(table.get("min_markers", 3)),
    )


@functools.cache
def load_rules(path: Path | None = None) -> tuple[CategoryRule, ...]:
    data: dict[str, Any] = tomllib.loads((path or default_keywords_path()).read_text("utf-8"))
    rules = []
    for category, table in data.items():
        if category == DOCUMENTS:
            continue
        AdCategory(category)  # a typo in the file fails loudly here
        rules.append(
            CategoryRule(
                category=category,
                keywords=tuple(_squash(k) for k in table.get("keywords", [])),
                strong=tuple(_squash(k) for k in table.get("strong", [])),
                weight=int(table.get("weight", 1)),
            )
        )
    return tuple(rules)


def _squash(text: str) -> str:
    return "".join(text.split())


def classify(
    texts: list[str],
    rules: tuple[CategoryRule, ...] | None = None,
    documents: DocumentRule | None = None,
) -> tuple[str, dict[str, list[str]]]:
    """(category, keywords seen per category) for the text lines of one flyer.

    Keywords are matched within a line (spaces inside it ignored, as OCR drops and adds them),
    never across lines: "…대" ending one line and "부가세" starting the next is no "대부". A
    photo that reads like a receipt or another document is "other" whatever else it shows."""
    lines = [_squash(text) for text in texts]
    documents = documents or load_documents()
    markers = sorted({m for m in documents.markers for line in lines if m in line.upper()})
    if len(markers) >= documents.min_markers:
        return AdCategory.OTHER.value, {DOCUMENTS: markers}
    scores: dict[str, int] = {}
    hits: dict[str, list[str]] = {}
    for rule in rules if rules is not None else load_rules():
        seen = [k for k in rule.keywords if any(k in line for line in lines)]
        strong = [k for k in rule.strong if any(k in line for line in lines)]
        if seen or strong:
            hits[rule.category] = sorted(set(seen) | set(strong))
            scores[rule.category] = rule.weight * len(seen) + STRONG_WEIGHT * len(strong)
    if not scores:
        return AdCategory.OTHER.value, hits
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return AdCategory.OTHER.value, hits
    return ranked[0][0], hits
