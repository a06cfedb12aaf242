"""Service quotas, with the defaults chosen in docs/behaviour.md#quotas; adjustable per backend."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Quotas:
    domains_per_account: int = 5
    fields_per_domain: int = 500
    options_per_field: int = 500
    layouts_per_domain: int = 100
    templates_per_domain: int = 100
    fields_per_layout: int = 100
    case_rules_per_domain: int = 100
    related_items_per_case: int = 200
    files_per_case: int = 50
    slas_per_case: int = 10
    fields_per_custom_related_item: int = 50
    deleted_fields_per_domain: int = 100
    deleted_layouts_per_domain: int = 100
    deleted_templates_per_domain: int = 100
