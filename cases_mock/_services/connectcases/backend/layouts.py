"""Layouts (docs/behaviour.md#layouts): which fields a case shows in its top panel and More Info tab.

Content must name fields that exist and are not deleted, never ``title`` or ``status`` (always
shown) and no field twice. Names are unique among layouts not deleted. A deleted layout stays
readable through GetLayout (``deleted: true``), leaves ListLayouts and takes no updates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from cases_mock._services.connectcases.backend.configuration import LAYOUTS
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
from cases_mock._services.connectcases.ids import cases_arn, new_id

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


class Layouts:
    """Layout operations: ``backend.layouts``."""

    def __init__(self, core: BackendCore) -> None:
        self.core = core

    def get(self, domain_id: str, layout_id: str) -> Layout:
        return LAYOUTS.get(self.core.domain(domain_id).data, layout_id)

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
            data = self.core.domain(domain_id).data
            checked = self._checked_content(data, content)
            LAYOUTS.check_name(data, name)
            limit = self.core.quotas.layouts_per_domain
            if sum(1 for layout in data.layouts.values() if not layout.deleted) >= limit:
                raise ServiceQuotaExceededException(
                    f"This domain already has {limit} layouts, the most it may have"
                )
            layout_id = new_id()
            now = self.core.clock.now()
            created = Layout(
                layout_id=layout_id,
                name=name,
                arn=cases_arn(self.core.region, self.core.account, f"domain/{domain_id}/layout/{layout_id}"),
                content=checked,
                created_time=now,
                last_modified_time=now,
                seq=self.core.next_seq(),
            )
            data.layouts[layout_id] = created
            return created

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
            existing = self.get(domain_id, layout_id)
            if existing.deleted:
                raise ValidationException(f"Layout {existing.label} is deleted and cannot be updated")
            checked = self._checked_content(data, content) if content is not None else None
            if name is not None:
                LAYOUTS.check_name(data, name, except_id=layout_id)
                existing.name = name
            if checked is not None:
                existing.content = checked
            existing.last_modified_time = self.core.clock.now()

    def delete(self, domain_id: str, layout_id: str) -> None:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            existing = self.get(domain_id, layout_id)
            if existing.deleted:
                return
            deleted = data.deleted_counts.get("layout", 0)
            if deleted >= self.core.quotas.deleted_layouts_per_domain:
                raise ValidationException(
                    f"This domain already has {deleted} deleted layouts, the most it may have"
                )
            existing.deleted = True
            existing.last_modified_time = self.core.clock.now()
            data.deleted_counts["layout"] = deleted + 1

    def live(self, domain_id: str) -> list[Layout]:
        return LAYOUTS.live(self.core.domain(domain_id).data)
