"""What a mocked service's host is: the one definition every way in and region extraction share.

Derived from botocore's own data, so a new partition, suffix or service is covered without code
changes: each service's endpoint rule set gives its host templates (for Connect Cases ``cases``
and ``cases-fips``, each on a partition's ``dnsSuffix`` or ``dualStackDnsSuffix``) and
``partitions.json`` gives the suffixes of every partition (aws, aws-cn, aws-us-gov, the ISO
partitions, aws-eusc...). On top of those, the names AWS gives interface VPC endpoints
(``vpce-<id>[-<az>].<prefix>.<region>.vpce.<suffix>``, the prefix being the model's endpoint
prefix) and a fully qualified name's trailing dot. The services are those the registry names
(``_services/registry.py``); the data loads on first use, not with the package.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from cases_mock._protocol.model import service_model
from cases_mock._services import registry

_TEMPLATE = re.compile(r"https://([a-z0-9-]+)\.\{Region\}\.\{PartitionResult#(\w+)\}")


@dataclass(frozen=True, slots=True)
class HostData:
    prefixes: tuple[str, ...]  # "cases", "cases-fips"
    suffixes: tuple[str, ...]  # every partition's dnsSuffix and dualStackDnsSuffix
    sample_regions: dict[str, str]  # partition id -> one of its regions (for tests and docs)
    suffix_kinds: dict[str, tuple[str, ...]]  # partition id -> its suffixes, in rule-set order
    # partition id, its named regions, its region regex: botocore's order of resolution
    region_patterns: tuple[tuple[str, frozenset[str], re.Pattern[str]], ...]


@functools.cache
def _partitions() -> tuple[dict[str, Any], ...]:
    from botocore.loaders import create_loader

    return tuple(create_loader().load_data("partitions")["partitions"])


@functools.cache
def _region_patterns() -> tuple[tuple[str, frozenset[str], re.Pattern[str]], ...]:
    return tuple(
        (p["id"], frozenset(p.get("regions", {})), re.compile(p.get("regionRegex") or "(?!)"))
        for p in _partitions()
    )


@functools.cache
def host_data(service: str) -> HostData:
    """The host templates of the installed botocore's rule set of ``service`` (``connectcases``)
    and the partitions."""
    from botocore.loaders import create_loader

    rules = create_loader().load_service_model(service, "endpoint-rule-set-1")
    templates = sorted(set(_TEMPLATE.findall(json.dumps(rules))))
    prefixes = tuple(sorted({prefix for prefix, _ in templates}))
    kinds = tuple(dict.fromkeys(kind for _, kind in templates))
    suffixes: dict[str, None] = {}
    samples: dict[str, str] = {}
    per_partition: dict[str, tuple[str, ...]] = {}
    for partition in _partitions():
        outputs = partition["outputs"]
        found = tuple(outputs[kind] for kind in kinds if outputs.get(kind))
        per_partition[partition["id"]] = found
        suffixes.update(dict.fromkeys(found))
        regions = [name for name in partition.get("regions", {}) if not name.endswith("-global")]
        samples[partition["id"]] = regions[0] if regions else f"{partition['id']}-region-1"
    return HostData(prefixes, tuple(suffixes), samples, per_partition, _region_patterns())


@functools.lru_cache(maxsize=256)
def partition_of(region: str) -> str:
    """The partition a region belongs to, by botocore's partition data (``aws`` if none says)."""
    patterns = _region_patterns()
    for partition, regions, _ in patterns:
        if region in regions:
            return partition
    for partition, _, pattern in patterns:
        if pattern.match(region):
            return partition
    return "aws"


@functools.lru_cache(maxsize=256)
def known_region(region: str) -> bool:
    """Whether a partition of botocore's data names ``region`` (``eu-west-9`` matches the aws
    partition's pattern but is named by none); the partitions' ``*-global`` names are not regions."""
    if region.endswith("-global"):
        return False
    return any(region in regions for _, regions, _ in _region_patterns())


@functools.cache
def _host_pattern(service: str) -> re.Pattern[str]:
    data = host_data(service)
    prefixes = "|".join(re.escape(p) for p in data.prefixes)
    # the longest suffix first, so "amazonaws.com.cn" is not read as "amazonaws.com" + junk
    suffixes = "|".join(re.escape(s) for s in sorted(data.suffixes, key=len, reverse=True))
    return re.compile(
        rf"^(?:vpce-[a-z0-9-]+\.)?(?:{prefixes})\.(?P<region>[a-z0-9-]+)\.(?:vpce\.)?(?:{suffixes})\.?$"
    )


def _bare_host(netloc: str) -> str:
    """``netloc`` without user info and port, lower-cased."""
    host = netloc.rpartition("@")[2].lower()
    if host.startswith("["):
        return host.partition("]")[0] + "]"
    return host.partition(":")[0]


@functools.lru_cache(maxsize=256)
def service_of_host(netloc: str) -> tuple[registry.Service, str] | None:
    """The mocked service a host belongs to and the region it names (``cases.eu-west-2.api.aws``
    -> Connect Cases, ``eu-west-2``), or None when ``netloc`` (a host, optionally with a port) is
    no mocked service's host."""
    host = _bare_host(netloc)
    for service in registry.services():
        found = _host_pattern(service.name).match(host)
        if found:
            return service, found.group("region")
    return None


def region_of_host(netloc: str) -> str | None:
    """The region a mocked service's host names, or None when it is no such host."""
    found = service_of_host(netloc)
    return found[1] if found else None


def is_mocked_host(netloc: str) -> bool:
    return service_of_host(netloc) is not None


def is_mocked_url(url: str) -> bool:
    """True for an ``http(s)`` URL whose host is a mocked service's host."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and is_mocked_host(parts.netloc)


def host_forms(service: str, region: str | None = None) -> list[tuple[str, str]]:
    """(host, region) pairs of every form botocore's data gives for ``service``, one sample
    region a partition (or ``region`` for all): the plain, FIPS, dual-stack and VPC endpoint names."""
    data = host_data(service)
    prefix = service_model(service).endpoint_prefix
    forms: list[tuple[str, str]] = []
    for partition, suffixes in data.suffix_kinds.items():
        name = region or data.sample_regions[partition]
        for suffix in suffixes:
            for each in data.prefixes:
                forms.append((f"{each}.{name}.{suffix}", name))
            forms.append((f"vpce-0a1b2c3d4e5f-6a7b8c9d.{prefix}.{name}.vpce.{suffix}", name))
    return forms
