"""Flyer-photo OCR: every Korean phone number on a photo, its box, confidence and ad category.

Qt-free. `recognise_flyer` reads one photo (raises PhotoError for a bad one);
`recognise_path` is the worker-pool entry point that never raises for a bad photo.
"""

from forensics_app.ocr.errors import (
    DecompressionBombError,
    EmptyFileError,
    NotAnImageError,
    OcrEngineError,
    PhotoError,
    TruncatedImageError,
)
from forensics_app.ocr.loading import LoadedPhoto, PhotoMetadata, load_photo
from forensics_app.ocr.pipeline import recognise_flyer, recognise_path, warm_up
from forensics_app.ocr.results import FlyerFailure, FlyerResult, FoundNumber, result_from_dict

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
    "TruncatedImageError",
    "load_photo",
    "recognise_flyer",
    "recognise_path",
    "result_from_dict",
    "warm_up",
]
