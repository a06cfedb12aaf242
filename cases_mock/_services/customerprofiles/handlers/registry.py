"""Imports every handler module of this package so that each registers its operations.

A new resource only adds a module next to this one; nothing here needs editing."""

from __future__ import annotations

import importlib
import pkgutil

_PACKAGE = __name__.rpartition(".")[0]

for _module in pkgutil.iter_modules(importlib.import_module(_PACKAGE).__path__):
    if _module.name != "registry":
        importlib.import_module(f"{_PACKAGE}.{_module.name}")
