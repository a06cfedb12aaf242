"""Routes (HTTP method, raw path) to an operation of a service's model.

Each service's table is built once from each operation's ``http.method`` and ``http.requestUri``. Paths are
matched segment by segment on the *raw* (still percent-encoded) path, so an encoded ``/`` inside
a label such as ``/tags/{arn}`` never splits it; labels are decoded after the match. A trailing
slash is not significant (two routes of the model end in one; other SDKs may drop it), except
where a route's last segment is a label: there ``/domains/`` is GetDomain's ``/domains/{domainId}``
with an empty id (what botocore writes for ``domainId=""`` with its validation off), never
CreateDomain's ``/domains``. ``parse`` refuses an empty label, naming its member.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote

from botocore.model import OperationModel

from cases_mock._protocol.errors import UnknownOperationException
from cases_mock._protocol.model import operation, operation_names


@dataclass(frozen=True, slots=True)
class Route:
    operation: OperationModel
    method: str
    # Each segment is ("lit", text) or ("label", name).
    segments: tuple[tuple[str, str], ...]
    trailing_slash: bool  # the model's requestUri ends in "/"

    @property
    def literal_count(self) -> int:
        return sum(1 for kind, _ in self.segments if kind == "lit")

    def match(self, raw_segments: list[str]) -> dict[str, str] | None:
        labels: dict[str, str] = {}
        for (kind, text), raw in zip(self.segments, raw_segments, strict=True):
            if kind == "lit":
                if unquote(raw) != text:
                    return None
            else:
                labels[text] = unquote(raw)
        return labels


def _split(path: str) -> list[str]:
    return path.strip("/").split("/")


def _route_for(service: str, name: str) -> Route:
    op = operation(service, name)
    uri = op.http["requestUri"].split("?", 1)[0]
    segments = tuple(
        ("label", seg[1:-1].rstrip("+")) if seg.startswith("{") else ("lit", seg) for seg in _split(uri)
    )
    return Route(op, op.http["method"].upper(), segments, uri.endswith("/"))


@cache
def route_table(service: str) -> dict[tuple[str, int], tuple[Route, ...]]:
    """Routes grouped by (method, segment count), most literal segments first."""
    table: dict[tuple[str, int], list[Route]] = {}
    for name in operation_names(service):
        route = _route_for(service, name)
        table.setdefault((route.method, len(route.segments)), []).append(route)
    return {key: tuple(sorted(routes, key=lambda r: -r.literal_count)) for key, routes in table.items()}


def _match(service: str, method: str, raw_segments: list[str]) -> tuple[Route, dict[str, str]] | None:
    for route in route_table(service).get((method, len(raw_segments)), ()):
        labels = route.match(raw_segments)
        if labels is not None:
            return route, labels
    return None


def resolve(service: str, title: str, method: str, raw_path: str) -> tuple[OperationModel, dict[str, str]]:
    """The operation of ``service`` (its botocore name; ``title`` names it in the error)
    answering ``method raw_path`` and its decoded URI labels (``""`` for an empty segment where a
    label goes). Methods are case-sensitive (RFC 9110 9.1): ``post`` is an unknown method, as
    ``PROPFIND`` is."""
    path = raw_path.split("?", 1)[0]
    raw_segments = _split(path)
    found = _match(service, method, raw_segments)
    if path.endswith("/") and (found is None or not found[0].trailing_slash):
        found = _match(service, method, [*raw_segments, ""]) or found
    if found is None:
        raise UnknownOperationException(f"No {title} operation answers {method} {path}")
    return found[0].operation, found[1]
