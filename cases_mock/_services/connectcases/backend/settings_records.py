"""Plain records of the small settings a domain, field or template keeps: the case event
configuration, a field's attributes, a template's default layout, rule associations and tag
propagation. Snake-case members, tuples for sequences, None for a member not given;
``wire_forms.py`` turns them to and from the API's shapes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CaseDataIncluded:
    """``includedData.caseData``: the fields case events carry."""

    field_ids: tuple[str, ...] | None = None  # caseData.fields[].id
    auto_include: str | None = None  # autoIncludeFields: All | System | Custom


@dataclass(frozen=True, slots=True)
class IncludedData:
    """``includedData``: what case events carry beside the envelope."""

    case_data: CaseDataIncluded | None = None
    include_related_content: bool | None = None  # relatedItemData.includeContent (None: no relatedItemData)


@dataclass(frozen=True, slots=True)
class EventSettings:
    """A domain's case event configuration (EventBridgeConfiguration)."""

    enabled: bool
    included: IncludedData | None = None

    @property
    def case_data(self) -> CaseDataIncluded | None:
        return self.included.case_data if self.included is not None else None

    @property
    def includes_related_content(self) -> bool:
        return bool(self.included is not None and self.included.include_related_content)


@dataclass(frozen=True, slots=True)
class TextAttributes:
    """A Text field's attributes."""

    is_multiline: bool


@dataclass(frozen=True, slots=True)
class FieldAttributes:
    """A field's attributes (the FieldAttributes union, whose only member today is ``text``)."""

    text: TextAttributes | None = None


@dataclass(frozen=True, slots=True)
class LayoutConfiguration:
    """A template's ``layoutConfiguration``."""

    default_layout: str | None = None  # a layout id


@dataclass(frozen=True, slots=True)
class TemplateRule:
    """One case rule a template carries, and the field it acts on when the association names it."""

    case_rule_id: str
    field_id: str | None = None


@dataclass(frozen=True, slots=True)
class TagPropagation:
    """One tagPropagationConfigurations entry: the tags a template gives resources of a type."""

    resource_type: str
    tag_map: tuple[tuple[str, str], ...]
