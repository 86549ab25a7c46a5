"""Files attached to reports: one as received, and what a report carries after it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MediaFile:
    """One photo or document as received, with its bytes when they could be kept."""

    kind: str  # 'photo' or 'document'
    file_id: str
    file_unique_id: str
    file_name: str | None
    mime_type: str | None
    size: int | None
    content: bytes | None
    kept: str  # 'kept', 'too_large' or 'failed'
    media_group_id: str | None = None


@dataclass(frozen=True)
class Attached:
    """What a report carries now: how many files kept, how many not, after one attachment."""

    seizure_id: int
    media: MediaFile
    new: bool  # False: this file was attached before (the same update or the same photo again)
    kept: int
    lost: int
    number: int = 0  # the report's number in its operation, what people see
