"""Flyer-photo OCR: every Korean phone number on a photo, its box, confidence and ad category.

Qt-free. `recognise_flyer` reads one photo (raises PhotoError for a bad one);
`recognise_path` is the worker-pool entry point that never raises for a bad photo.
"""

from importlib import import_module
from typing import Any

# Loaded on first use (OpenCV, numpy and Tesseract cost a second): importing a light piece such
# as forensics_app.ocr.errors must not start the whole engine.
_HOMES = {
    "DecompressionBombError": "errors",
    "EmptyFileError": "errors",
    "NotAnImageError": "errors",
    "OcrEngineError": "errors",
    "PhotoError": "errors",
    "PhotoUnavailableError": "errors",
    "TruncatedImageError": "errors",
    "LoadedPhoto": "loading",
    "PhotoMetadata": "loading",
    "load_photo": "loading",
    "recognise_flyer": "pipeline",
    "recognise_path": "pipeline",
    "warm_up": "pipeline",
    "FlyerFailure": "results",
    "FlyerResult": "results",
    "FoundNumber": "results",
    "result_from_dict": "results",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)


__all__ = [
    "DecompressionBombError",
    "EmptyFileError",
    "FlyerFailure",
    "FlyerResult",
    "FoundNumber",
    "LoadedPhoto",
    "NotAnImageError",
    "OcrEngineError",
    "PhotoError",
    "PhotoMetadata",
    "PhotoUnavailableError",
    "TruncatedImageError",
    "load_photo",
    "recognise_flyer",
    "recognise_path",
    "result_from_dict",
    "warm_up",
]
