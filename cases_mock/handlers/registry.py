"""Imports every handler module so that each registers its operations."""

from __future__ import annotations

from . import case_rules, domains  # noqa: F401
