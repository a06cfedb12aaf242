"""``mock.seed(...)`` across services: a Connect Cases domain (``connectcases/seed.py``) whose
cases belong to generated customers, each a real Customer Profiles profile of the same account
and region (``customerprofiles/seed_customers.py``), linked as a CreateCase through boto3 is (the
seeded cases are handed to ``registry.hand_on``, so each becomes its customer's ``_case`` object).
With Customer Profiles off (``mock_connectcases(profiles=False)``) no profile is made and the
cases have no ``customer_id``. docs/working-with-the-mock.md#seeding.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cases_mock._engine.dispatch import Followed
from cases_mock._services import registry
from cases_mock._services.connectcases.seed import SEEDER, SeededDomain, seed_domain
from cases_mock._services.connectcases.service import SERVICE as CASES
from cases_mock._services.customerprofiles.model import SERVICE_NAME as PROFILES
from cases_mock._services.customerprofiles.seed_customers import (
    SeededCustomer,
    domain_name_for,
    seed_customers,
)

if TYPE_CHECKING:
    from cases_mock._services.connectcases.backend.store import CasesBackend


def customers_for(cases: int) -> int:
    """How many customers share ``cases`` seeded cases: one for every two cases, rounded up."""
    return (cases + 1) // 2


def seed(
    stores: dict[str, Any],
    backend: CasesBackend,
    *,
    profiles: bool,
    name: str,
    cases: int,
    rules: bool,
    seed: int,
) -> SeededDomain:
    """The seeded Cases domain of ``backend`` and, with ``profiles``, its customers' profiles in
    the Customer Profiles domain named after it (``stores``: the engine's, by service)."""
    made: list[SeededCustomer] = []
    owners: list[SeededCustomer] = []  # each case's customer, in case order
    where = {"account": backend.account, "region": backend.region}

    def customers(count: int) -> Sequence[str]:  # once the Cases domain is made (its name is free)
        made.extend(
            seed_customers(
                stores[PROFILES],
                **where,
                domain_name=domain_name_for(name),
                count=customers_for(count),
                seed=seed,
                performed_by=SEEDER.format(account=backend.account),
            )
        )
        owners.extend(made[index % len(made)] for index in range(count))
        return [owner.arn for owner in owners]

    seeded = seed_domain(
        backend, name=name, cases=cases, rules=rules, seed=seed, customers=customers if profiles else None
    )
    if not profiles:
        return seeded
    seeded.profile_domain = domain_name_for(name)
    seeded.profile_ids = [customer.profile_id for customer in made]
    for case_id, owner in zip(seeded.case_ids, owners, strict=True):
        seeded.case_profiles[case_id] = owner.profile_id
        params = {"domainId": seeded.domain_id, "templateId": seeded.template_id}
        registry.hand_on(Followed(stores, CASES.name, "CreateCase", params, {"caseId": case_id}, backend))
    return seeded
