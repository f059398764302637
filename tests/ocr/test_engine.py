"""Where the OCR models come from: package data of two pinned wheels, nothing downloaded."""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Any

import pytest

from forensics_app.messages import describe
from forensics_app.ocr import engine as engine_module
from forensics_app.ocr.errors import OcrEngineError


def test_the_recogniser_is_pp_ocr_v6_with_digits_and_no_hangul() -> None:
    """v6 reads brush digits v4 misread (tests/ocr/test_pipeline.py); Hangul stays Tesseract's:
    the pipeline relies on the recogniser reading little or nothing of it."""
    characters = engine_module.engine()._rec.postprocess_op.character

    assert len(characters) == 18710  # PP-OCRv6's list (v4's had 6625) with blank and space
    assert set("0123456789-()~") <= set(characters)
    assert not [c for c in characters if "\uac00" <= c <= "\ud7a3"]


@pytest.mark.parametrize(
    ("missing", "distribution"),
    [("rapidocr", "rapidocr"), ("rapidocr_onnxruntime", "rapidocr-onnxruntime")],
)
def test_a_missing_model_wheel_names_the_package_to_install(
    monkeypatch: pytest.MonkeyPatch, missing: str, distribution: str
) -> None:
    files = importlib.resources.files

    def without(package: Any) -> Any:
        if package == missing:
            raise ModuleNotFoundError(package)
        return files(package)

    monkeypatch.setattr(importlib.resources, "files", without)

    with pytest.raises(OcrEngineError) as caught:
        engine_module.Engine()

    assert caught.value.exit_code == 3
    assert describe(caught.value, "en") == (
        f"The OCR models are missing: install the {distribution} package."
    )
    assert describe(caught.value, "ko") == (
        f"OCR 모델이 없습니다. {distribution} 패키지를 설치하십시오."
    )


def test_a_wheel_without_the_model_file_is_reported_the_same_way(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A different rapidocr release (no PP-OCRv6_rec_small.onnx) is no traceback either."""
    files = importlib.resources.files
    monkeypatch.setattr(
        importlib.resources,
        "files",
        lambda package: tmp_path if package == "rapidocr" else files(package),
    )

    with pytest.raises(OcrEngineError, match="install the rapidocr package"):
        engine_module.Engine()
