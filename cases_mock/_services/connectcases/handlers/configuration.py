"""What the configuration resources' handlers share (fields, layouts, templates, case rules):
the members naming a resource (``fieldId``, ``fieldArn``, ``name``), and the answer of a BatchGet
and of a List over one kind's store (``backend/configuration.py``). Registers no operation itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cases_mock._services.connectcases.backend.configuration import ConfigurationStore, Kind, R
from cases_mock._services.connectcases.backend.pagination import paginate
from cases_mock._services.connectcases.errors import not_found
from cases_mock._services.connectcases.handlers import Call, Output, Params


def created(kind: Kind[R], resource: R) -> Output:
    """The members a Create answers with, and every answer naming the resource starts with:
    its id and ARN (``caseRuleId``, ``caseRuleArn``)."""
    words = kind.noun.split()
    prefix = words[0] + "".join(word.title() for word in words[1:])
    return {f"{prefix}Id": getattr(resource, kind.id_member), f"{prefix}Arn": resource.arn}


def named(kind: Kind[R], resource: R) -> dict[str, Any]:
    """Its id, ARN and name: what each Get, BatchGet and List shows first."""
    return {**created(kind, resource), "name": resource.name}


def batch_got(
    store: ConfigurationStore[R], params: Params, member: str, detail: Callable[[R], Any]
) -> Output:
    """BatchGet's answer: each resource the ``member`` list names that exists (deleted ones
    included) by ``detail``, and a ResourceNotFoundException entry for each id that does not."""
    ids = [str(entry["id"]) for entry in params[member]]
    found, missing = store.batch_get(params["domainId"], ids)
    return {
        member: [detail(resource) for resource in found],
        "errors": [
            {
                "id": resource_id,
                "errorCode": "ResourceNotFoundException",
                "message": not_found(store.kind.resource, resource_id).message,
            }
            for resource_id in missing
        ],
    }


def listed(
    call: Call, params: Params, live: list[R], member: str, summary: Callable[[R], Any], scope: str = ""
) -> Output:
    """List's answer: the page of the ``live`` resources (in creation order) by ``summary``, its
    token scoped to the domain and ``scope`` (what else the request narrows the list by)."""
    page, token = paginate(
        params,
        live,
        lambda resource: resource.seq,
        operation=call.operation,
        scope=f"{call.account}/{params['domainId']}{scope}",
    )
    return {member: [summary(resource) for resource in page], "nextToken": token}
