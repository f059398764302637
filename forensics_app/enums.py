"""The catalog's vocabularies, apart from the storage layer so that the command line can
offer them as choices without loading SQLAlchemy."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    EXAMINER = "examiner"
    REVIEWER = "reviewer"
    ADMIN = "admin"


class CaseStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    ARCHIVED = "archived"


class ItemKind(enum.StrEnum):
    PHONE = "phone"
    COMPUTER = "computer"
    CCTV_RECORDER = "cctv_recorder"
    STORAGE_MEDIA = "storage_media"
    SIM_OR_MEMORY_CARD = "sim_or_memory_card"
    FLYER_PHOTO_BATCH = "flyer_photo_batch"
    DOCUMENT = "document"
    OTHER = "other"


class ItemStatus(enum.StrEnum):
    IN_CUSTODY = "in_custody"
    IN_ANALYSIS = "in_analysis"
    RETURNED = "returned"
    DESTROYED = "destroyed"
    WITHDRAWN = "withdrawn"  # catalogued by mistake: kept, audited, never deleted


class VerificationResult(enum.StrEnum):
    OK = "ok"
    MISMATCH = "mismatch"
    MISSING = "missing"
    UNREADABLE = "unreadable"
    CHANGED_WHILE_READING = "changed_while_reading"


class ReviewStatus(enum.StrEnum):
    PENDING = "pending"  # not looked at; unsure numbers are shown first
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    CORRECTED = "corrected"  # accepted with the analyst's correction in corrected_e164
