"""``Scalar``: the stored form of one field value (a case's, a custom related item's, a rule's
operand). Which type each field type takes is in ``records.py``'s docstring; ``values.py``
converts to and from the wire unions."""

from __future__ import annotations

Scalar = str | float | bool
