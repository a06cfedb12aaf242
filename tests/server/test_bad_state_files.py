"""State files that would lose data on load are refused whole: by ``serve --state-file`` (exit 2,
the place inside the file named, the file untouched) and by ``mock.load`` / ``mock.import_state``
(ValueError, the state kept)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest

from cases_mock import CasesMock, mock_connectcases

DEEP = 100_000


def _client() -> Any:
    return boto3.client("connectcases", region_name="us-east-1")


def _saved_state() -> tuple[str, str]:
    """The text of a saved state holding one case, and that case's id."""
    with mock_connectcases() as mock:
        client = _client()
        domain_id = client.create_domain(name="kept")["domainId"]
        template_id = client.create_template(domainId=domain_id, name="T")["templateId"]
        title = [{"id": "title", "value": {"stringValue": "t"}}]
        case_id = client.create_case(domainId=domain_id, templateId=template_id, fields=title)["caseId"]
        return json.dumps(mock.export_state()), case_id


def _case_record(state: dict[str, Any]) -> dict[str, Any]:
    domain = next(iter(state["backends"][0]["domains"].values()))
    found: dict[str, Any] = next(iter(domain["data"]["cases"].values()))
    return found


def _region_twice(text: str) -> str:
    state = json.loads(text)
    state["backends"].append(json.loads(text)["backends"][0])
    return json.dumps(state)


def _backends_key_twice(text: str) -> str:
    return text[:-1] + ', "backends": []}'


def _key_twice_in_a_case(text: str) -> str:
    state = json.loads(text)
    _case_record(state)["REPEAT"] = 0
    return json.dumps(state).replace('"REPEAT": 0', '"template_id": "ghost"')


def _a_top_level_comment(text: str) -> str:
    state = json.loads(text)
    state["comment"] = "written by hand"
    return json.dumps(state)


def _an_extra_key_in_a_case(text: str) -> str:
    state = json.loads(text)
    _case_record(state)["owner"] = "someone"
    return json.dumps(state)


def _nested_deep(text: str) -> str:
    state = json.loads(text)
    state["backends"][0]["contacts"] = "HERE"
    return json.dumps(state).replace('"HERE"', "[" * DEEP + "]" * DEEP)


# (how the saved file is broken, what the message names)
BAD_FILES: list[tuple[Callable[[str], str], str]] = [
    (_region_twice, "backends[1]: account '123456789012' region 'us-east-1' again"),
    (_backends_key_twice, "the key 'backends' appears twice"),
    (_key_twice_in_a_case, "the key 'template_id' appears twice"),
    (_a_top_level_comment, "comment: not a member of a cases_mock state"),
    (_an_extra_key_in_a_case, ".owner: not a field of Case"),
    (_nested_deep, "nested more than 100 levels deep at line 1 column"),
]
IDS = [breaks.__name__.strip("_") for breaks, _ in BAD_FILES]


@pytest.fixture(scope="module")
def saved() -> tuple[str, str]:
    return _saved_state()


@pytest.mark.parametrize(("breaks", "named"), BAD_FILES, ids=IDS)
def test_serve_refuses_the_file_with_exit_2_and_leaves_it_untouched(
    tmp_path: Path, saved: tuple[str, str], breaks: Callable[[str], str], named: str
) -> None:
    text = saved[0]
    state = tmp_path / "state.json"
    state.write_text(breaks(text), encoding="utf-8")
    before = state.read_bytes()

    done = subprocess.run(
        [sys.executable, "-m", "cases_mock", "serve", "--port", "0", "--state-file", str(state)],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 2, done.stderr[-2000:]
    assert "listening" not in done.stdout
    assert done.stderr.startswith(f"cases-mock: {state} is not a usable cases_mock state: ")
    assert named in done.stderr
    assert done.stderr.endswith("; the file was left untouched\n")
    assert done.stderr.count("\n") == 1  # one line, no traceback
    assert state.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_the_place_of_a_repeated_key_inside_a_case_is_named(tmp_path: Path, saved: tuple[str, str]) -> None:
    text, case_id = saved
    path = tmp_path / "state.json"
    path.write_text(_key_twice_in_a_case(text), encoding="utf-8")

    with mock_connectcases() as mock, pytest.raises(ValueError, match="appears twice") as refused:
        mock.load(str(path))

    assert f".cases[{case_id!r}]: the key 'template_id' appears twice" in str(refused.value)


def _a_mock_with_one_domain(mock: CasesMock) -> str:
    domain_id: str = _client().create_domain(name="before")["domainId"]
    return domain_id


@pytest.mark.parametrize(("breaks", "named"), BAD_FILES, ids=IDS)
def test_mock_load_refuses_the_file_and_keeps_the_state(
    tmp_path: Path, saved: tuple[str, str], breaks: Callable[[str], str], named: str
) -> None:
    path = tmp_path / "state.json"
    path.write_text(breaks(saved[0]), encoding="utf-8")

    with mock_connectcases() as mock:
        domain_id = _a_mock_with_one_domain(mock)
        with pytest.raises(ValueError, match=r"nested|appears twice|malformed cases_mock state") as refused:
            mock.load(str(path))

        assert named in str(refused.value)
        assert [d["domainId"] for d in _client().list_domains()["domains"]] == [domain_id]


def _deep_dict() -> dict[str, Any]:
    deep: dict[str, Any] = {"x": 1}
    for _ in range(DEEP):
        deep = {"x": deep}
    return deep


@pytest.mark.parametrize(
    ("breaks", "named"),
    [
        (lambda state: state["backends"].append(dict(state["backends"][0])), "backends[1]: account"),
        (lambda state: state.update(comment="by hand"), "comment: not a member"),
        (lambda state: _case_record(state).update(owner="someone"), ".owner: not a field of Case"),
        (lambda state: _case_record(state).update(values=_deep_dict()), "nested more than 100 levels"),
    ],
    ids=["region_twice", "a_top_level_comment", "an_extra_key_in_a_case", "nested_deep"],
)
def test_import_state_refuses_what_it_would_drop(
    saved: tuple[str, str], breaks: Callable[[dict[str, Any]], None], named: str
) -> None:
    state = json.loads(saved[0])
    breaks(state)

    with mock_connectcases() as mock:
        domain_id = _a_mock_with_one_domain(mock)
        with pytest.raises(ValueError, match=r"^malformed cases_mock state: ") as refused:
            mock.import_state(state)

        assert named in str(refused.value)
        assert [d["domainId"] for d in _client().list_domains()["domains"]] == [domain_id]


def test_a_saved_state_still_loads_whole(tmp_path: Path, saved: tuple[str, str]) -> None:
    text = saved[0]
    path = tmp_path / "state.json"
    path.write_text(text, encoding="utf-8")

    with mock_connectcases() as mock:
        mock.load(str(path))
        assert mock.export_state() == json.loads(text)
