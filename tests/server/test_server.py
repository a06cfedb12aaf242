"""The standalone server, driven as a separate process by boto3, the AWS CLI and raw HTTP."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from botocore.exceptions import ClientError

from tests.server.conftest import Served, a_server_client, http_json


def test_boto3_drives_the_server(server_url: str) -> None:
    client = a_server_client(server_url)
    domain_id = client.create_domain(name="served")["domainId"]
    template_id = client.create_template(domainId=domain_id, name="T")["templateId"]
    case_id = client.create_case(
        domainId=domain_id,
        templateId=template_id,
        fields=[{"id": "title", "value": {"stringValue": "via HTTP"}}],
    )["caseId"]

    got = client.get_case(domainId=domain_id, caseId=case_id, fields=[{"id": "title"}])

    assert got["fields"] == [{"id": "title", "value": {"stringValue": "via HTTP"}}]
    with pytest.raises(ClientError) as raised:
        client.get_domain(domainId="ghost")
    assert raised.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_regions_and_accounts_come_from_the_request(server_url: str) -> None:
    tokyo = a_server_client(server_url, "ap-northeast-1")
    other_account = a_server_client(server_url, aws_access_key_id="210987654321", aws_secret_access_key="s")

    arn = tokyo.create_domain(name="tokyo")["domainArn"]
    other_account.create_domain(name="elsewhere")

    assert ":cases:ap-northeast-1:123456789012:" in arn
    assert [d["name"] for d in other_account.list_domains()["domains"]] == ["elsewhere"]
    assert "tokyo" not in [d["name"] for d in a_server_client(server_url).list_domains()["domains"]]


def test_control_endpoints(server_url: str) -> None:
    client = a_server_client(server_url, "eu-central-1")
    client.create_domain(name="to-export")

    assert http_json(server_url, "GET", "/_cases_mock/health") == (200, {"status": "ok"})
    status, state = http_json(server_url, "GET", "/_cases_mock/state")
    assert status == 200
    status, calls = http_json(server_url, "GET", "/_cases_mock/calls")
    assert [c["operation"] for c in calls["calls"]][-1] == "CreateDomain"
    assert http_json(server_url, "POST", "/_cases_mock/reset")[0] == 200
    assert client.list_domains()["domains"] == []
    assert http_json(server_url, "POST", "/_cases_mock/state", json.dumps(state).encode())[0] == 200
    assert [d["name"] for d in client.list_domains()["domains"]] == ["to-export"]
    assert http_json(server_url, "POST", "/_cases_mock/state", b"{}")[0] == 400
    fault = {"operation": "ListDomains", "error": "ThrottlingException", "times": 1}
    assert http_json(server_url, "POST", "/_cases_mock/faults", json.dumps(fault).encode())[0] == 200
    with pytest.raises(ClientError) as raised:
        client.list_domains()
    assert raised.value.response["Error"]["Code"] == "ThrottlingException"
    assert client.list_domains()["domains"]
    assert http_json(server_url, "GET", "/_cases_mock/nothing")[0] == 404


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code"),
    [
        ("POST", "/domains", b"{not json", 400, "ValidationException"),
        ("POST", "/domains", b"[1, 2]", 400, "ValidationException"),
        ("POST", "/domains", b'{"name": 5}', 400, "ValidationException"),
        ("GET", "/no/such/route", b"", 404, "UnknownOperationException"),
        ("PUT", "/domains-list", b"{}", 404, "UnknownOperationException"),
    ],
)
def test_bad_requests_get_rest_json_errors(
    server_url: str, method: str, path: str, body: bytes, status: int, code: str
) -> None:
    parts = urlsplit(server_url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    connection.request(method, path, body=body, headers={"Content-Type": "text/plain"})
    answer = connection.getresponse()
    data = answer.read()
    connection.close()

    assert answer.status == status
    assert answer.getheader("x-amzn-ErrorType") == code
    assert "message" in json.loads(data)


def test_oversized_half_sent_and_dropped_requests_do_not_stop_the_server(server_url: str) -> None:
    parts = urlsplit(server_url)
    address = (parts.hostname or "", parts.port or 0)
    with socket.create_connection(address, timeout=10) as oversized:
        oversized.sendall(b"POST /domains HTTP/1.1\r\nHost: localhost\r\nContent-Length: 999999999\r\n\r\n")
        reply = oversized.recv(4096).decode()
        assert reply.startswith("HTTP/1.1 413")
        assert "ValidationException" in reply
    half = socket.create_connection(address, timeout=10)
    half.sendall(b'POST /domains HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{"na')
    dropped = socket.create_connection(address, timeout=10)
    dropped.sendall(b"POST /domains HTTP/1.1\r\nHost: localhost\r\n")
    dropped.close()
    garbage = socket.create_connection(address, timeout=10)
    garbage.sendall(b"\x00\x01 not http at all\r\n\r\n")
    garbage.recv(4096)
    garbage.close()

    assert http_json(server_url, "GET", "/_cases_mock/health") == (200, {"status": "ok"})
    assert a_server_client(server_url).list_domains()["ResponseMetadata"]["HTTPStatusCode"] == 200
    half.close()


def test_the_aws_cli_drives_the_server(server_url: str, tmp_path: Path) -> None:
    aws = shutil.which("aws", path=str(Path(sys.executable).parent)) or shutil.which("aws")
    assert aws is not None, "the AWS CLI is part of the test extra"
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "CLITESTKEY",
        "AWS_SECRET_ACCESS_KEY": "secret",
        "AWS_DEFAULT_REGION": "sa-east-1",
        "AWS_CONFIG_FILE": str(tmp_path / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "credentials"),
    }

    def cli(*args: str) -> Any:
        done = subprocess.run(
            [aws, "connectcases", *args, "--endpoint-url", server_url, "--output", "json"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        return done.returncode, json.loads(done.stdout) if done.stdout.strip() else done.stderr

    code, created = cli("create-domain", "--name", "from-the-cli")
    assert code == 0
    assert created["domainArn"].startswith("arn:aws:cases:sa-east-1:")
    code, listed = cli("list-domains")
    assert [d["name"] for d in listed["domains"]] == ["from-the-cli"]
    by_environment = subprocess.run(  # the service-specific endpoint variable, no --endpoint-url
        [aws, "connectcases", "list-domains", "--output", "json"],
        env={**env, "AWS_ENDPOINT_URL_CONNECTCASES": server_url},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(by_environment.stdout)["domains"] == listed["domains"]
    code, error = cli("get-domain", "--domain-id", "ghost")
    assert code != 0
    assert "ResourceNotFoundException" in error


def test_the_in_process_server_api_and_fixture(cases_server: Any) -> None:
    client = a_server_client(cases_server.url)

    client.create_domain(name="threaded")

    assert [call.operation for call in cases_server.dispatcher.recorder.calls] == ["CreateDomain"]
    assert cases_server.url.startswith("http://127.0.0.1:")


def test_quiet_serves_without_a_log_line() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "cases_mock", "serve", "--port", "0", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    url = process.stdout.readline().split()[-1]
    a_server_client(url).list_domains()
    process.send_signal(2)  # SIGINT, as Ctrl-C
    out, err = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "cases-mock stopped" in out
    assert "domains-list" not in err


def test_each_request_is_logged_on_stderr() -> None:
    with Served(quiet=False) as served:
        a_server_client(served.url).create_domain(name="logged")
        out, err = served.stop()

    assert '"POST /domains HTTP/1.1" 200' in err
    assert out.endswith("cases-mock stopped\n")


def test_a_server_whose_reader_went_away_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    """Whoever started the server read its URL and closed the pipe: the lines printed on the way
    out go nowhere, with no traceback, and the exit status and the saved state are as usual."""
    import signal

    state = tmp_path / "state.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "cases_mock", "serve", "--port", "0", "--state-file", str(state)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    url = process.stdout.readline().split()[-1]
    a_server_client(url).create_domain(name="kept")
    process.stdout.close()  # the reader goes away

    process.send_signal(signal.SIGTERM)
    errors = process.stderr.read()
    process.stderr.close()

    assert process.wait(timeout=30) == 0, errors
    assert "Traceback" not in errors
    assert "kept" in state.read_text(encoding="utf-8")
