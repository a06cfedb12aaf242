"""What a case must satisfy under its template: required fields and case rules.

``check_case`` is the single entry point every case write (CreateCase, UpdateCase,
BatchUpdateCase, merges) calls with the case *as it will be after the write*; it raises
ValidationException naming the first offending field and writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import ValidationException
from .records import DomainData, Scalar, Template


def _has_value(values: Mapping[str, Scalar], field_id: str) -> bool:
    value = values.get(field_id)
    return value is not None and value != ""


def check_case(domain: DomainData, template: Template, values: Mapping[str, Scalar]) -> None:
    """Raises ValidationException if ``values`` break ``template``'s required fields.

    ``title`` is always required. Case rules attached to the template (required, hidden,
    fieldOptions) are enforced by the rule evaluator (issue: case rules).
    """
    for field_id in ["title", *template.required_fields]:
        if not _has_value(values, field_id):
            raise ValidationException(
                f"Field {field_id!r} is required by template {template.template_id!r} but has no value"
            )
