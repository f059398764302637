"""Small vocabularies stored as text in the database."""

from __future__ import annotations

import enum


class AdCategory(enum.StrEnum):
    LENDING = "lending"  # illegal private lending (대부업법)
    OBSCENE_ADULT = "obscene_adult"  # obscene / youth-harmful (옥외광고물법)
    OTHER = "other"


class SourceKind(enum.StrEnum):
    FLYER_PHOTO = "flyer_photo"
    DEVICE_ARTIFACT = "device_artifact"
    MANUAL = "manual"
