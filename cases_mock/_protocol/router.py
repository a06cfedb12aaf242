"""Routes (HTTP method, raw path) to an operation of a service's model.

Each service's table is built once from each operation's ``http.method`` and ``http.requestUri``. Paths are
matched segment by segment on the *raw* (still percent-encoded) path, so an encoded ``/`` inside
a label such as ``/tags/{arn}`` never splits it; labels are decoded after the match. A trailing
slash is not significant (two routes of the model end in one; other SDKs may drop it), except
where a route's last segment is a label: there ``/domains/`` is GetDomain's ``/domains/{domainId}``
with an empty id (what botocore writes for ``domainId=""`` with its validation off), never
CreateDomain's ``/domains``. ``parse`` refuses an empty label, naming its member.

``by_name`` routes without matching: where a way in knows the operation the caller called and
the values botocore wrote into its path (the before-call way in), it gives the labels the match
would decode, or None where that is not certain (a value empty, holding a ``/`` or not a
string; a route tried before the operation's that the values would let take the request; a
path other than the one botocore rendered). What is certain is worked out once per operation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any
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


def route_of(op: OperationModel) -> Route:
    uri = op.http["requestUri"].split("?", 1)[0]
    segments = tuple(
        ("label", seg[1:-1].rstrip("+")) if seg.startswith("{") else ("lit", seg) for seg in _split(uri)
    )
    return Route(op, op.http["method"].upper(), segments, uri.endswith("/"))


Table = dict[tuple[str, int], tuple[Route, ...]]
"""Routes grouped by (method, segment count), most literal segments first."""


def table_of(ops: Iterable[OperationModel]) -> Table:
    """The route table of a model's operations."""
    table: dict[tuple[str, int], list[Route]] = {}
    for op in ops:
        route = route_of(op)
        table.setdefault((route.method, len(route.segments)), []).append(route)
    return {key: tuple(sorted(routes, key=lambda r: -r.literal_count)) for key, routes in table.items()}


@cache
def route_table(service: str) -> Table:
    """``service``'s route table, built once."""
    return table_of(operation(service, name) for name in operation_names(service))


def _match(table: Table, method: str, raw_segments: list[str]) -> tuple[Route, dict[str, str]] | None:
    for route in table.get((method, len(raw_segments)), ()):
        labels = route.match(raw_segments)
        if labels is not None:
            return route, labels
    return None


def match(table: Table, method: str, raw_path: str) -> tuple[OperationModel, dict[str, str]] | None:
    """The operation of ``table`` answering ``method raw_path`` and its decoded URI labels
    (``""`` for an empty segment where a label goes); None if no route does."""
    path = raw_path.split("?", 1)[0]
    raw_segments = _split(path)
    found = _match(table, method, raw_segments)
    if path.endswith("/") and (found is None or not found[0].trailing_slash):
        found = _match(table, method, [*raw_segments, ""]) or found
    return None if found is None else (found[0].operation, found[1])


def resolve(service: str, title: str, method: str, raw_path: str) -> tuple[OperationModel, dict[str, str]]:
    """``match`` in ``service``'s table (its botocore name; ``title`` names it in the error), or
    UnknownOperationException. Methods are case-sensitive (RFC 9110 9.1): ``post`` is an unknown
    method, as ``PROPFIND`` is."""
    found = match(route_table(service), method, raw_path)
    if found is None:
        path = raw_path.split("?", 1)[0]
        raise UnknownOperationException(f"No {title} operation answers {method} {path}")
    return found


@dataclass(frozen=True, slots=True)
class NamedRoute:
    """What routing one operation by its name needs, worked out once (``named_route``)."""

    operation: OperationModel
    method: str  # the route's
    request_uri: str  # the model's http.requestUri, which botocore rendered the path from
    labels: tuple[tuple[str, str], ...]  # (label, input member) of each label segment, in order
    # for each route tried before this one that some values could let take the request: the
    # (label, literal) pairs at which those values would have to equal its literal segments
    rivals: tuple[tuple[tuple[str, str], ...], ...]


def _rival(route: Route, earlier: Route) -> tuple[tuple[str, str], ...] | None:
    """The (label, literal) pairs at which ``route``'s label values would let ``earlier`` (a
    route of the same method and length, tried first) match, or None when it never can."""
    needs: list[tuple[str, str]] = []
    for (kind, text), (their_kind, their_text) in zip(route.segments, earlier.segments, strict=True):
        if their_kind == "lit" and kind == "lit" and text != their_text:
            return None
        if their_kind == "lit" and kind == "label":
            needs.append((text, their_text))
    return tuple(needs)


def plan_by_name(table: Table, op: OperationModel) -> NamedRoute | None:
    """Routing ``op`` of ``table`` by its name: None where its route is not simple enough (a
    literal segment the match would decode differently, a label no input member fills)."""
    route = route_of(op)
    shape = op.input_shape
    members = {
        member.serialization.get("name", member_name): member_name
        for member_name, member in (shape.members.items() if shape is not None else ())
        if member.serialization.get("location") == "uri"
    }
    labels = []
    for kind, text in route.segments:
        if kind == "lit" and unquote(text) != text:
            return None
        if kind == "label":
            if text not in members:
                return None
            labels.append((text, members[text]))
    group = table[(route.method, len(route.segments))]
    earlier = group[: [r.operation.name for r in group].index(op.name)]
    rivals = tuple(found for found in (_rival(route, other) for other in earlier) if found is not None)
    return NamedRoute(route.operation, route.method, op.http["requestUri"], tuple(labels), rivals)


@cache
def named_route(service: str, name: str) -> NamedRoute | None:
    """``plan_by_name`` for ``name`` of ``service`` (None where its model has no such operation),
    built once."""
    if name not in operation_names(service):
        return None
    return plan_by_name(route_table(service), operation(service, name))


def labels_by_name(
    named: NamedRoute, values: dict[str, Any], method: str, path: str, rendered: str
) -> dict[str, str] | None:
    """The labels ``match`` decodes from ``method path``, where ``path`` is the one botocore
    rendered (``rendered``) from ``values`` for ``named``'s operation; None where not certain."""
    if method != named.method or path != rendered.split("?", 1)[0]:
        return None
    labels: dict[str, str] = {}
    for label, member in named.labels:
        value = values.get(member)
        if type(value) is not str or not value or "/" in value:
            return None
        labels[label] = value
    for needs in named.rivals:
        if all(labels[label] == literal for label, literal in needs):
            return None
    return labels


def by_name(
    service: str, called: OperationModel, values: dict[str, Any], method: str, path: str, rendered: str
) -> tuple[OperationModel, dict[str, str]] | None:
    """What ``resolve`` gives for ``method path`` of ``service``, from the operation ``called``
    (the caller's model of it) and the input ``values`` botocore rendered that operation's path
    ``rendered`` from; None where routing by name might differ from routing the path."""
    if called.service_model.service_name != service:
        return None
    named = named_route(service, called.name)
    if named is None or called.http.get("requestUri") != named.request_uri:
        return None
    labels = labels_by_name(named, values, method, path, rendered)
    return None if labels is None else (named.operation, labels)
