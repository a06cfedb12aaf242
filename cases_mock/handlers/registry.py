"""Imports every handler module so that each registers its operations."""

from __future__ import annotations

from . import domains  # noqa: F401
