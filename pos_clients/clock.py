"""The one clock of stored times: naive UTC (DESIGN.md: times stored naive UTC)."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
