"""Layouts: content referencing fields, names, soft delete, quotas, listing."""

from __future__ import annotations

from typing import Any

from cases_mock import CasesMock
from tests.config.helpers import a_field, a_layout, code_of, walk


def _content(*field_ids: str) -> dict[str, Any]:
    return {
        "basic": {
            "topPanel": {
                "sections": [{"fieldGroup": {"name": "top", "fields": [{"id": f} for f in field_ids]}}]
            },
            "moreInfo": {"sections": []},
        }
    }


def test_a_layout_reads_back(client: Any, domain_id: str) -> None:
    notes = a_field(client, domain_id, "Notes")
    created = client.create_layout(domainId=domain_id, name="Main", content=_content(notes, "summary"))

    layout = client.get_layout(domainId=domain_id, layoutId=created["layoutId"])

    assert layout["layoutArn"] == created["layoutArn"]
    assert created["layoutArn"].endswith(f":domain/{domain_id}/layout/{created['layoutId']}")
    assert layout["name"] == "Main"
    assert layout["content"] == _content(notes, "summary")
    assert (layout["deleted"], layout["tags"]) == (False, {})


def test_content_must_name_existing_fields_once_and_not_title_or_status(client: Any, domain_id: str) -> None:
    notes = a_field(client, domain_id, "Notes")
    for content, expected in [
        (_content("ghost"), "ghost"),
        (_content("title"), "title"),
        (_content("status"), "status"),
        (_content(notes, notes), "twice"),
    ]:
        code, message = code_of(
            lambda c=content: client.create_layout(domainId=domain_id, name="L", content=c)
        )
        assert code == "ValidationException"
        assert expected in message
        assert "content.basic.topPanel.sections[0].fieldGroup.fields" in message
    assert client.list_layouts(domainId=domain_id)["layouts"] == []


def test_names_are_unique(client: Any, domain_id: str) -> None:
    a_layout(client, domain_id, "Main")

    code, _ = code_of(lambda: a_layout(client, domain_id, "Main"))

    assert code == "ConflictException"


def test_update_replaces_name_and_content(client: Any, domain_id: str) -> None:
    notes = a_field(client, domain_id, "Notes")
    layout_id = a_layout(client, domain_id, "Main")

    client.update_layout(domainId=domain_id, layoutId=layout_id, name="Renamed", content=_content(notes))

    layout = client.get_layout(domainId=domain_id, layoutId=layout_id)
    assert (layout["name"], layout["content"]) == ("Renamed", _content(notes))
    code, _ = code_of(
        lambda: client.update_layout(domainId=domain_id, layoutId=layout_id, content=_content("ghost"))
    )
    assert code == "ValidationException"
    assert client.get_layout(domainId=domain_id, layoutId=layout_id)["content"] == _content(notes)


def test_deleted_layouts_and_deleted_fields(client: Any, domain_id: str) -> None:
    notes, extra = a_field(client, domain_id, "Notes"), a_field(client, domain_id, "Extra")
    layout_id = a_layout(client, domain_id, "Main", notes, extra)
    client.delete_field(domainId=domain_id, fieldId=extra)

    assert client.get_layout(domainId=domain_id, layoutId=layout_id)["content"] == _content(notes)

    client.delete_layout(domainId=domain_id, layoutId=layout_id)
    assert client.get_layout(domainId=domain_id, layoutId=layout_id)["deleted"] is True
    assert client.list_layouts(domainId=domain_id)["layouts"] == []
    code, _ = code_of(lambda: client.update_layout(domainId=domain_id, layoutId=layout_id, name="x"))
    assert code == "ValidationException"
    code, _ = code_of(lambda: client.get_layout(domainId=domain_id, layoutId="ghost"))
    assert code == "ResourceNotFoundException"


def test_quotas(mock: CasesMock, client: Any, domain_id: str) -> None:
    quotas = mock.backend().quotas
    quotas.layouts_per_domain, quotas.fields_per_layout = 1, 1
    one, two = a_field(client, domain_id, "one"), a_field(client, domain_id, "two")

    code, _ = code_of(lambda: a_layout(client, domain_id, "L", one, two))
    assert code == "ServiceQuotaExceededException"
    a_layout(client, domain_id, "L", one)
    code, _ = code_of(lambda: a_layout(client, domain_id, "M"))
    assert code == "ServiceQuotaExceededException"


def test_list_pages(client: Any, domain_id: str) -> None:
    made = [a_layout(client, domain_id, f"L{i}") for i in range(5)]

    listed = walk(client.list_layouts, "layouts", domainId=domain_id, maxResults=2)

    assert [lo["layoutId"] for lo in listed] == made
    assert listed[0]["name"] == "L0"
