"""Plain records of a layout's content (LayoutContent): which fields the top panel and the More
Info tab show, section by section. ``wire_forms.py`` turns them to and from the API's shape."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldGroup:
    """A section's ``fieldGroup``: its name (if given) and the ids of its fields, in order."""

    field_ids: tuple[str, ...]
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Panel:
    """``topPanel`` or ``moreInfo``: its sections (a section without a field group is None)."""

    sections: tuple[FieldGroup | None, ...] | None = None


@dataclass(frozen=True, slots=True)
class BasicLayout:
    top_panel: Panel | None = None
    more_info: Panel | None = None


@dataclass(frozen=True, slots=True)
class LayoutContent:
    """A layout's content (the LayoutContent union, whose only member today is ``basic``)."""

    basic: BasicLayout | None = None

    def panels(self) -> Iterator[tuple[str, Panel | None]]:
        """(wire name, panel) of the top panel, then More Info."""
        basic = self.basic or BasicLayout()
        yield "topPanel", basic.top_panel
        yield "moreInfo", basic.more_info

    def groups(self) -> Iterator[tuple[str, int, FieldGroup | None]]:
        """(panel's wire name, section index, field group) of every section, in order."""
        for name, panel in self.panels():
            for index, group in enumerate((panel.sections if panel else None) or ()):
                yield name, index, group
