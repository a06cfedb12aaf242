"""Tags on every taggable resource, found by ARN (docs/behaviour.md#tags).

Taggable: domains, fields, layouts, templates, case rules, cases and related items. An ARN of
this account and region that names nothing gives ResourceNotFoundException; anything that is
not a Connect Cases ARN gives ValidationException. Tags of soft-deleted resources stay readable.
Every tag map a resource ends up with follows the Connect tagging page (``limits.TAGGING_PAGE``):
at most ``limits.MAX_TAGS`` tags, no ``aws:`` keys, no null values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from cases_mock._engine.limits import MAX_TAGS, TAGGING_PAGE
from cases_mock._services.connectcases.backend.core import BackendCore
from cases_mock._services.connectcases.errors import ValidationException, not_found

TAG_KEY = re.compile(r"^(?![aA][wW][sS]:)[a-zA-Z0-9 _.:/=+\-@]{1,128}$")
TAG_VALUE = re.compile(r"^[a-zA-Z0-9 _.:/=+\-@]{0,256}$")
ARN = re.compile(
    r"^arn:(?P<partition>[a-z-]+):cases:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):(?P<resource>domain/.+)$"
)
# resource path segment -> (resource type named in errors, DomainData attribute)
CHILDREN = {
    "field": ("Field", "fields"),
    "layout": ("Layout", "layouts"),
    "template": ("Template", "templates"),
    "case-rule": ("CaseRule", "case_rules"),
    "case": ("Case", "cases"),
}


def check_tags(tags: Mapping[str, str | None], path: str = "tags") -> None:
    """The key and value rules of the model's MutableTags, applied to every tag map, and the
    tagging page's "you can't set the value of a tag to null" and per-resource cap."""
    for key, value in tags.items():
        if not TAG_KEY.match(key):
            raise ValidationException(
                f"Invalid tag key {key!r} at '{path}': 1-128 letters, digits, spaces or _.:/=+-@, "
                "not starting aws:"
            )
        if value is None:
            raise ValidationException(
                f"Invalid value at '{path}.{key}': a tag value cannot be null; use \"\" for no value "
                f"({TAGGING_PAGE})"
            )
        if not TAG_VALUE.match(str(value)):
            raise ValidationException(
                f"Invalid value at '{path}.{key}': at most 256 letters, digits or _.:/=+-@ and spaces"
            )
    check_tag_count(len(tags), path)


def check_tag_count(count: int, path: str = "tags") -> None:
    if count > MAX_TAGS:
        raise ValidationException(
            f"Invalid value at '{path}': a resource may have at most {MAX_TAGS} tags; "
            f"this one would have {count} ({TAGGING_PAGE})"
        )


class Tags:
    """TagResource, UntagResource, ListTagsForResource: ``backend.tags``."""

    def __init__(self, core: BackendCore) -> None:
        self.core = core

    def resource(self, arn: str) -> Any:
        """The resource named by ``arn`` (anything with a ``tags`` dict)."""
        match = ARN.match(arn)
        if match is None:
            raise ValidationException(f"Invalid 'arn': {arn!r} is not an Amazon Connect Cases resource ARN")
        if (
            match["partition"] != self.core.partition
            or match["region"] != self.core.region
            or match["account"] != self.core.account
        ):
            raise not_found("Resource", arn)
        parts = match["resource"].split("/")
        if len(parts) < 2 or not parts[1]:
            raise ValidationException(f"Invalid 'arn': {arn!r} names no resource")
        domain = self.core.domains.get(parts[1])
        if domain is None:
            raise not_found("Domain", parts[1])
        if len(parts) == 2:
            return domain
        kind = CHILDREN.get(parts[2])
        if kind is None or len(parts) not in (4, 6):
            raise ValidationException(f"Invalid 'arn': {arn!r} is not an Amazon Connect Cases resource ARN")
        resource_type, attribute = kind
        found = getattr(domain.data, attribute).get(parts[3])
        if found is None:
            raise not_found(resource_type, parts[3])
        if len(parts) == 4:
            return found
        if parts[2] != "case" or parts[4] != "related-item":
            raise ValidationException(f"Invalid 'arn': {arn!r} is not an Amazon Connect Cases resource ARN")
        item = found.related_items.get(parts[5])
        if item is None:
            raise not_found("RelatedItem", parts[5])
        return item

    def tag(self, arn: str, tags: Mapping[str, str | None]) -> None:
        with self.core.lock:
            resource = self.resource(arn)
            check_tags(tags)
            merged = {**resource.tags, **tags}
            check_tag_count(len(merged))
            resource.tags = merged

    def untag(self, arn: str, keys: list[str]) -> None:
        with self.core.lock:
            resource = self.resource(arn)
            resource.tags = {key: value for key, value in resource.tags.items() if key not in keys}

    def of(self, arn: str) -> dict[str, str]:
        return dict(self.resource(arn).tags)
