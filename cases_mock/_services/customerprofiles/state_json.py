"""Customer Profiles' part of the JSON state (``_engine/state_json.py`` composes every
service's): the member ``customer_profiles``, one entry per account and region with its domains
and everything in them (profiles and their keys, object types, objects including ``_case``,
integrations, tags, history records), the records of ``backend/records.py`` through the engine's
generic ``Codec``. A state without the member (saved before Customer Profiles was part of it)
holds no profiles (docs/working-with-the-mock.md#state-as-json).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cases_mock._engine.state_checks import check_type
from cases_mock._engine.state_codec import Codec, backend_entries, exported_entries
from cases_mock._services.customerprofiles.backend import records
from cases_mock._services.customerprofiles.backend.state import ProfilesBackend, ProfilesStore
from cases_mock._services.customerprofiles.state_checks import check_domain
from cases_mock._services.registry import TrialRead

MEMBER = "customer_profiles"
BACKEND_MEMBERS = ("account", "region", "seq", "domains")
CODEC = Codec(vars(records).values())


def export_part(store: ProfilesStore) -> dict[str, Any]:
    """Customer Profiles' member of the state: every account and region (left out while no
    account or region has any, so a Cases-only state exports as it always did)."""
    backends = exported_entries(store.backends(), lambda backend: {"domains": CODEC.encode(backend.domains)})
    return {MEMBER: backends} if backends else {}  # none: the state reads as one saved before


def prepare_part(store: ProfilesStore, part: dict[str, Any], read: TrialRead) -> Callable[[], None]:
    """The backends of ``part`` built and checked whole (types, then state_checks.py): what puts
    them in place of ``store``'s; ValueError naming the first problem's place if not. No trial
    reads yet (``read`` is unused: ``invoke`` takes ``service=`` now, so they could be added)."""
    built: dict[tuple[str, str], ProfilesBackend] = {}
    entries = backend_entries(part.get(MEMBER, []), MEMBER, BACKEND_MEMBERS, "a Customer Profiles backend")
    for path, entry, key in entries:
        backend = ProfilesBackend(key[0], key[1], store.clock)
        backend._seq = entry["seq"]
        backend.domains = CODEC.decode_member(entry, "domains", path)
        check_type(backend.domains, dict[str, records.Domain], f"{path}.domains")
        for name, domain in backend.domains.items():
            check_domain(name, domain, f"{path}.domains[{name!r}]")
        built[key] = backend
    return lambda: store.replace(built)
