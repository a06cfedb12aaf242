"""SearchCases ``fields`` ids are a projection, and GetCase refuses a nextToken it never issued."""

from __future__ import annotations

from tests.config.helpers import code_of
from tests.search.conftest import Searchable


def test_search_cases_accepts_field_ids_the_domain_does_not_have(searchable: Searchable) -> None:
    """https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_SearchCases.html
    documents no existence check on ``fields``: unknown ids are absent from each case, as in
    GetCase (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_GetCase.html)."""
    note = searchable.domain.ids["note"]

    page = searchable.search(fields=[{"id": "priority-that-does-not-exist"}, {"id": note}])

    assert len(page["cases"]) == 4
    projected = [[f["id"] for f in case["fields"]] for case in page["cases"]]
    assert sorted(projected) == [[], [note], [note], [note]]
    answer = searchable.domain.client.get_case(
        domainId=searchable.domain.domain_id,
        caseId=searchable.ids[0],
        fields=[{"id": "priority-that-does-not-exist"}, {"id": note}],
    )
    assert [f["id"] for f in answer["fields"]] == [note]


def test_get_case_rejects_a_next_token_it_never_issued(searchable: Searchable) -> None:
    """https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_GetCase.html
    (nextToken: "The token for the next set of results"), refused as the other paginated
    operations refuse one they did not issue."""
    client, domain_id = searchable.domain.client, searchable.domain.domain_id
    issued = searchable.search(maxResults=1)["nextToken"]
    for token in ("made-up", issued):
        code, message = code_of(
            lambda t=token: client.get_case(
                domainId=domain_id, caseId=searchable.ids[0], fields=[{"id": "title"}], nextToken=t
            )
        )
        assert code == "ValidationException"
        assert "nextToken" in message
    answer = client.get_case(domainId=domain_id, caseId=searchable.ids[0], fields=[{"id": "title"}])
    assert "nextToken" not in answer
