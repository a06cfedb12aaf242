"""Layouts (docs/behaviour.md#layouts): which fields a case shows in its top panel and More Info tab.

Content must name fields that exist and are not deleted, never ``title`` or ``status`` (always
shown) and no field twice. Names are unique among layouts not deleted. A deleted layout stays
readable through GetLayout (``deleted: true``), leaves ListLayouts and takes no updates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from cases_mock._services.connectcases.backend.configuration import LAYOUTS, ConfigurationStore
from cases_mock._services.connectcases.backend.core import BackendCore
from cases_mock._services.connectcases.backend.fields import live_field
from cases_mock._services.connectcases.backend.layout_records import (
    BasicLayout,
    FieldGroup,
    LayoutContent,
    Panel,
)
from cases_mock._services.connectcases.backend.records import DomainData, Layout
from cases_mock._services.connectcases.errors import (
    ServiceQuotaExceededException,
    ValidationException,
)

ALWAYS_SHOWN = ("title", "status")


def layout_field_refs(content: LayoutContent) -> Iterator[tuple[str, str]]:
    """(member path, field id) of every field a layout's content names."""
    for panel, s_index, group in content.groups():
        for f_index, field_id in enumerate(group.field_ids if group is not None else ()):
            yield f"content.basic.{panel}.sections[{s_index}].fieldGroup.fields[{f_index}].id", field_id


def without_deleted_fields(data: DomainData, content: LayoutContent) -> LayoutContent:
    """``content`` omitting fields deleted since (as GetLayout shows it)."""

    def kept(group: FieldGroup | None) -> FieldGroup | None:
        if group is None:
            return None
        return replace(group, field_ids=tuple(f for f in group.field_ids if not data.is_deleted_field(f)))

    def shown(panel: Panel | None) -> Panel | None:
        if panel is None or panel.sections is None:
            return panel
        return Panel(tuple(kept(group) for group in panel.sections))

    if content.basic is None:
        return content
    return LayoutContent(BasicLayout(shown(content.basic.top_panel), shown(content.basic.more_info)))


class Layouts(ConfigurationStore[Layout]):
    """Layout operations: ``backend.layouts``."""

    def __init__(self, core: BackendCore) -> None:
        super().__init__(core, LAYOUTS)

    def _checked_content(self, data: DomainData, content: LayoutContent) -> LayoutContent:
        seen: set[str] = set()
        for path, field_id in layout_field_refs(content):
            if field_id in ALWAYS_SHOWN:
                raise ValidationException(
                    f"Invalid field id at '{path}': field {data.field_label(field_id)} is always shown "
                    "and cannot be placed in a layout"
                )
            live_field(data, field_id, path)
            if field_id in seen:
                raise ValidationException(
                    f"Invalid field id at '{path}': field {data.field_label(field_id)} "
                    "appears twice in the layout"
                )
            seen.add(field_id)
        limit = self.core.quotas.fields_per_layout
        if len(seen) > limit:
            raise ServiceQuotaExceededException(
                f"The layout names {len(seen)} fields; the most a layout may have is {limit}"
            )
        return content

    def create(self, domain_id: str, name: str, content: LayoutContent) -> Layout:
        with self.core.lock:
            checked = self._checked_content(self.core.domain(domain_id).data, content)
            return self._add(domain_id, name, self.core.quotas.layouts_per_domain, content=checked)

    def update(
        self,
        domain_id: str,
        layout_id: str,
        *,
        name: str | None = None,
        content: LayoutContent | None = None,
    ) -> None:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            existing = self._updatable(domain_id, layout_id)
            checked = self._checked_content(data, content) if content is not None else None
            self._change(data, existing, name, content=checked)

    def delete(self, domain_id: str, layout_id: str) -> None:
        self._delete_counted(domain_id, layout_id, self.core.quotas.deleted_layouts_per_domain)
