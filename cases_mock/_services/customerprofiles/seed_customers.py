"""Generated customers for ``mock.seed(...)``: real profiles in a Customer Profiles domain
(docs/working-with-the-mock.md#seeding), made through the backend's own operations and
deterministically from a seed (names, phone numbers, e-mail addresses, account numbers; the
profile ids are fresh, as CreateProfile's are).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from cases_mock._services.customerprofiles.backend import domains, profiles
from cases_mock._services.customerprofiles.backend.records import DomainSettings
from cases_mock._services.customerprofiles.backend.state import ProfilesStore

FIRST_NAMES = ("Ana", "Ben", "Chloe", "Dev", "Ema", "Femi", "Gus", "Hana", "Ivo", "Jun", "Kim", "Lea")
LAST_NAMES = ("Silva", "Okafor", "Nguyen", "Moreau", "Kowalski", "Haddad", "Sato", "Brennan", "Ortiz")
EXPIRATION_DAYS = 365
_NOT_IN_A_DOMAIN_NAME = re.compile(r"[^a-zA-Z0-9_-]")


@dataclass(frozen=True, slots=True)
class SeededCustomer:
    """One generated customer's profile."""

    profile_id: str
    arn: str  # what a case's ``customer_id`` holds


def domain_name_for(name: str) -> str:
    """The Customer Profiles domain seeded beside the Cases domain ``name``: the same name, each
    character a domain name may not hold made ``-`` (DomainName: ``[a-zA-Z0-9_-]``, 1 to 64)."""
    return _NOT_IN_A_DOMAIN_NAME.sub("-", name)[:64] or "seeded"


def seed_customers(
    store: ProfilesStore,
    *,
    account: str,
    region: str,
    domain_name: str,
    count: int,
    seed: int,
    performed_by: str,
) -> list[SeededCustomer]:
    """``count`` profiles in domain ``domain_name`` of (``account``, ``region``), the domain
    created first unless it exists (then it is reused and its profiles are left as they are)."""
    backend = store.backend(account, region)
    rng = random.Random(seed)
    made: list[SeededCustomer] = []
    with backend.lock:
        if domain_name not in backend.domains:
            domains.create_domain(backend, domain_name, DomainSettings(EXPIRATION_DAYS), {})
        domain = backend.domain(domain_name)
        for index in range(count):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            fields = {
                "FirstName": first,
                "LastName": last,
                "PhoneNumber": f"+1555555{index % 10000:04d}",
                "EmailAddress": f"{first.lower()}.{last.lower()}{index + 1}@example.com",
                "AccountNumber": f"ACC-{rng.randint(0, 999999):06d}",
            }
            created = profiles.create_profile(backend, domain_name, fields, performed_by=performed_by)
            made.append(
                SeededCustomer(created.profile_id, profiles.arn_of(backend, domain, created.profile_id))
            )
    return made
