"""What a Connect Cases host is: the one definition every way in and region extraction share.

Derived from botocore's own data, so a new partition or suffix is covered without code changes:
the service's endpoint rule set gives the host templates (``cases`` and ``cases-fips``, each on a
partition's ``dnsSuffix`` or ``dualStackDnsSuffix``) and ``partitions.json`` gives the suffixes of
every partition (aws, aws-cn, aws-us-gov, the ISO partitions, aws-eusc...). On top of those, the
names AWS gives interface VPC endpoints (``vpce-<id>[-<az>].cases.<region>.vpce.<suffix>``) and a
fully qualified name's trailing dot. The data loads on first use, not with the package.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

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
def host_data() -> HostData:
    """The host templates of the installed botocore's connectcases rule set and partitions."""
    from botocore.loaders import create_loader

    loader = create_loader()
    rules = loader.load_service_model("connectcases", "endpoint-rule-set-1")
    templates = sorted(set(_TEMPLATE.findall(json.dumps(rules))))
    prefixes = tuple(sorted({prefix for prefix, _ in templates}))
    kinds = tuple(dict.fromkeys(kind for _, kind in templates))
    suffixes: dict[str, None] = {}
    samples: dict[str, str] = {}
    per_partition: dict[str, tuple[str, ...]] = {}
    patterns: list[tuple[str, frozenset[str], re.Pattern[str]]] = []
    for partition in loader.load_data("partitions")["partitions"]:
        outputs = partition["outputs"]
        found = tuple(outputs[kind] for kind in kinds if outputs.get(kind))
        per_partition[partition["id"]] = found
        suffixes.update(dict.fromkeys(found))
        regions = [name for name in partition.get("regions", {}) if not name.endswith("-global")]
        samples[partition["id"]] = regions[0] if regions else f"{partition['id']}-region-1"
        pattern = re.compile(partition.get("regionRegex") or "(?!)")
        patterns.append((partition["id"], frozenset(partition.get("regions", {})), pattern))
    return HostData(prefixes, tuple(suffixes), samples, per_partition, tuple(patterns))


@functools.lru_cache(maxsize=256)
def partition_of(region: str) -> str:
    """The partition a region belongs to, by botocore's partition data (``aws`` if none says)."""
    patterns = host_data().region_patterns
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
    return any(region in regions for _, regions, _ in host_data().region_patterns)


@functools.cache
def _host_pattern() -> re.Pattern[str]:
    data = host_data()
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
def region_of_host(netloc: str) -> str | None:
    """The region a Connect Cases host names (``cases.eu-west-2.api.aws`` -> ``eu-west-2``), or
    None when ``netloc`` (a host, optionally with a port) is not a Connect Cases host."""
    found = _host_pattern().match(_bare_host(netloc))
    return found.group("region") if found else None


def is_cases_host(netloc: str) -> bool:
    return region_of_host(netloc) is not None


def is_cases_url(url: str) -> bool:
    """True for an ``http(s)`` URL whose host is a Connect Cases host."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and is_cases_host(parts.netloc)


def host_forms(region: str | None = None) -> list[tuple[str, str]]:
    """(host, region) pairs of every form botocore's data gives, one sample region a partition
    (or ``region`` for all): the plain, FIPS, dual-stack and VPC endpoint names."""
    data = host_data()
    forms: list[tuple[str, str]] = []
    for partition, suffixes in data.suffix_kinds.items():
        name = region or data.sample_regions[partition]
        for suffix in suffixes:
            for prefix in data.prefixes:
                forms.append((f"{prefix}.{name}.{suffix}", name))
            forms.append((f"vpce-0a1b2c3d4e5f-6a7b8c9d.cases.{name}.vpce.{suffix}", name))
    return forms
