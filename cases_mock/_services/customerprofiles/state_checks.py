"""Customer Profiles' checks of a decoded state, after the generic type checks
(``_engine/state_checks.py``) and before it replaces anything (``state_json.prepare_part``):
every dict of a domain is keyed by what its records hold (the domain's name, profile ids,
object type names, objects' unique keys, integrations' URIs) and every object belongs to a
profile of its domain. Each raises ValueError naming the place in the state.
"""

from __future__ import annotations

from cases_mock._services.customerprofiles.backend.records import Domain

_KEY_OF = {
    "profiles": "profile_id",
    "object_types": "name",
    "objects": "unique_key",
    "integrations": "uri",
}


def check_domain(name: str, domain: Domain, path: str) -> None:
    """ValueError at ``path`` (the domain's place) unless its records fit together."""
    if domain.name != name:
        raise ValueError(f"{path}: holds the domain name {domain.name!r}")
    for member, id_name in _KEY_OF.items():
        for key, record in getattr(domain, member).items():
            if getattr(record, id_name) != key:
                raise ValueError(f"{path}.{member}[{key!r}]: holds {id_name} {getattr(record, id_name)!r}")
    for key, stored in domain.objects.items():
        if stored.profile_id not in domain.profiles:
            raise ValueError(f"{path}.objects[{key!r}]: no profile {stored.profile_id!r} in the domain")
