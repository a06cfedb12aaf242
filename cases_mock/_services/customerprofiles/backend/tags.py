"""Tags of domains, object types and integrations, by ARN (API:TagResource: up to 50 per
resource; a key given again replaces its value). An ARN of another account or region, or of
no resource of the mock, is a ResourceNotFoundException naming it."""

from __future__ import annotations

from cases_mock._services.customerprofiles.backend.state import ProfilesBackend
from cases_mock._services.customerprofiles.errors import bad_request, not_found

TAGS_PER_RESOURCE = 50


def _tags_of(backend: ProfilesBackend, arn: str) -> dict[str, str]:
    for domain in backend.domains.values():
        if arn == domain.arn:
            return domain.tags
        rest = arn.removeprefix(domain.arn + "/") if arn.startswith(domain.arn + "/") else None
        if rest is None:
            continue
        kind, _, name = rest.partition("/")
        if kind == "object-types" and name in domain.object_types:
            return domain.object_types[name].tags
        if kind == "integrations" and name in domain.integrations:
            return domain.integrations[name].tags
    raise not_found("Resource", arn, f"account {backend.account}, region {backend.region}")


def tag_resource(backend: ProfilesBackend, arn: str, tags: dict[str, str]) -> None:
    with backend.lock:
        current = _tags_of(backend, arn)
        if len(set(current) | set(tags)) > TAGS_PER_RESOURCE:
            raise bad_request("tags", f"a resource may have at most {TAGS_PER_RESOURCE} tags")
        current.update(tags)


def untag_resource(backend: ProfilesBackend, arn: str, keys: list[str]) -> None:
    with backend.lock:
        current = _tags_of(backend, arn)
        for key in keys:
            current.pop(key, None)


def list_tags(backend: ProfilesBackend, arn: str) -> dict[str, str]:
    return dict(_tags_of(backend, arn))
