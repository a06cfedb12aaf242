"""A small sample of object type templates: mock data, not the service's list.

The real list is service data no AWS page publishes (AG:templates-and-implicit-types: "use the
ListProfileObjectTypeTemplates API"). The three contact record templates follow the matching
AG:ctr-contact-record-template describes: ``_ctrContactId`` first; CTR-NoInferred and
CTR-AutoAssociateOnly fall back to ``_phone``; CTR-AutoAssociateOnly creates no profile.
``TEMPLATES`` may be replaced or extended by a test (docs/behaviour.md#customer-profiles).
"""

from __future__ import annotations

from cases_mock._services.customerprofiles.backend.records import (
    FieldDef,
    KeyDef,
    ObjectTypeSpec,
    Template,
)


def _contact_record(template_id: str, *, phone_fallback: bool, create: bool) -> Template:
    keys = {"_ctrContactId": [KeyDef(("UNIQUE", "PROFILE"), ("ContactId",))]}
    if phone_fallback:
        keys["_phone"] = [KeyDef(("PROFILE",), ("CustomerPhone",))]
    return Template(
        template_id=template_id,
        source_name="AmazonConnect",
        source_object="ContactRecord",
        spec=ObjectTypeSpec(
            allow_profile_creation=create,
            fields={
                "ContactId": FieldDef("_source.ContactId", None, "STRING"),
                "CustomerPhone": FieldDef(
                    "_source.CustomerEndpoint.Address", "_profile.PhoneNumber", "PHONE_NUMBER"
                ),
            },
            keys=keys,
        ),
    )


def _zendesk_tickets() -> Template:
    return Template(
        template_id="Zendesk-tickets",
        source_name="Zendesk",
        source_object="tickets",
        spec=ObjectTypeSpec(
            allow_profile_creation=False,
            fields={
                "id": FieldDef("_source.id", None, "STRING"),
                "requester_id": FieldDef("_source.requester_id", None, "STRING"),
                "subject": FieldDef("_source.subject", "_case.Title", "STRING"),
                "status": FieldDef("_source.status", "_case.Status", "STRING"),
            },
            keys={
                "_zendeskTicketId": [KeyDef(("UNIQUE", "CASE"), ("id",))],
                "_zendeskUserId": [KeyDef(("PROFILE",), ("requester_id",))],
            },
        ),
    )


TEMPLATES: dict[str, Template] = {
    template.template_id: template
    for template in (
        _contact_record("CTR", phone_fallback=False, create=True),
        _contact_record("CTR-NoInferred", phone_fallback=True, create=True),
        _contact_record("CTR-AutoAssociateOnly", phone_fallback=True, create=False),
        _zendesk_tickets(),
    )
}
