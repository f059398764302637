"""What the OCR of one photo gives back: plain, JSON-serialisable dataclasses.

They cross process boundaries (the batch runs one worker per core) and are stored as JSON by a
resumable batch, so everything is a str, number, list or dict, and `from_dict(to_dict(x)) == x`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from forensics_app.ocr.loading import PhotoMetadata

REVIEW_BELOW = 0.8  # numbers under this confidence are shown to the analyst first


@dataclass(frozen=True)
class FoundNumber:
    e164: str  # +821012345678
    national: str  # 010-1234-5678
    number_type: str  # blocking.numbers.NumberType value: mobile, voip, personal, uan, ...
    printed: str  # the text as read from the flyer, e.g. "공일공-1234-5678" or "TEL 010.1234.5678"
    box: tuple[int, int, int, int]  # left, top, width, height in the upright original photo
    quad: tuple[tuple[float, float], ...]  # the number's 4 corners, same frame (text may be tilted)
    confidence: float  # 0..1; agreement between passes, recogniser score, clean read
    sources: tuple[str, ...] = ()  # which passes read it: ppocr, ppocr_binary, tesseract, ...

    @property
    def needs_review(self) -> bool:
        return self.confidence < REVIEW_BELOW

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["box"] = list(self.box)
        data["quad"] = [list(p) for p in self.quad]
        data["sources"] = list(self.sources)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FoundNumber:
        return cls(
            e164=str(data["e164"]),
            national=str(data["national"]),
            number_type=str(data["number_type"]),
            printed=str(data["printed"]),
            box=(
                int(data["box"][0]),
                int(data["box"][1]),
                int(data["box"][2]),
                int(data["box"][3]),
            ),
            quad=tuple((float(x), float(y)) for x, y in data["quad"]),
            confidence=float(data["confidence"]),
            sources=tuple(str(s) for s in data.get("sources", ())),
        )


def _box(values: list[Any]) -> tuple[int, int, int, int]:
    left, top, width, height = (int(v) for v in values)
    return left, top, width, height


@dataclass(frozen=True)
class FlyerResult:
    path: str
    numbers: tuple[FoundNumber, ...]
    category: str  # blocking.enums.AdCategory value: lending, obscene_adult, other
    category_hits: dict[str, list[str]]  # category -> keywords seen, for the analyst
    metadata: PhotoMetadata
    text_lines: int  # lines of text detected
    seconds: float  # time spent on this photo
    notes: tuple[str, ...] = ()  # library warnings on this photo (a huge picture, bad EXIF)
    ok: bool = field(default=True, init=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": True,
            "path": self.path,
            "numbers": [n.to_dict() for n in self.numbers],
            "category": self.category,
            "category_hits": {k: list(v) for k, v in self.category_hits.items()},
            "metadata": self.metadata.to_dict(),
            "text_lines": self.text_lines,
            "seconds": self.seconds,
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FlyerResult:
        return cls(
            path=str(data["path"]),
            numbers=tuple(FoundNumber.from_dict(n) for n in data["numbers"]),
            category=str(data["category"]),
            category_hits={str(k): [str(w) for w in v] for k, v in data["category_hits"].items()},
            metadata=PhotoMetadata.from_dict(data["metadata"]),
            text_lines=int(data["text_lines"]),
            seconds=float(data["seconds"]),
            notes=tuple(str(n) for n in data.get("notes", ())),
        )


@dataclass(frozen=True)
class FlyerFailure:
    """A photo the batch could not read; the batch records it and goes on."""

    path: str
    reason: str  # empty_file, not_an_image, truncated, decompression_bomb, engine, internal
    message: str  # English
    # The error's template and values (a PhotoError's), so it can be shown in Korean too.
    template: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    ok: bool = field(default=False, init=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": False,
            "path": self.path,
            "reason": self.reason,
            "message": self.message,
            "template": self.template,
            "values": dict(self.values),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FlyerFailure:
        return cls(
            path=str(data["path"]),
            reason=str(data["reason"]),
            message=str(data["message"]),
            template=str(data.get("template", "")),
            values=dict(data.get("values") or {}),
        )


def result_from_dict(data: dict[str, Any]) -> FlyerResult | FlyerFailure:
    return FlyerResult.from_dict(data) if data.get("ok") else FlyerFailure.from_dict(data)
