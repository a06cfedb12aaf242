"""Checks that a CI environment holds the botocore it is meant to test (``.ci/run``).

``newest``: the installed model has every operation and member
``cases_mock/_services/connectcases/releases.py`` knows of. ``lower-bound``: botocore and boto3
are the supported lower bound exactly.
``aiobotocore``: aiobotocore (and aioboto3 when asked) are importable, and botocore is a release
that aiobotocore's own requirement accepts.
"""

from __future__ import annotations

import sys
from importlib import metadata

import boto3
import botocore

from cases_mock._services.connectcases.releases import LOWER_BOUND, MEMBERS, OPERATIONS, absent, complete


def _aiobotocore_accepts_botocore() -> str | None:
    from packaging.requirements import Requirement

    for text in metadata.requires("aiobotocore") or []:
        requirement = Requirement(text)
        if requirement.name == "botocore" and not requirement.marker:
            if botocore.__version__ not in requirement.specifier:
                return f"aiobotocore wants {requirement}, botocore is {botocore.__version__}"
            return None
    return "aiobotocore names no botocore requirement"


def _installed(name: str) -> bool:
    try:
        metadata.version(name)
    except metadata.PackageNotFoundError:
        return False
    return True


def problems(kind: str, extra: list[str]) -> list[str]:
    if kind == "newest":
        return [] if complete() else [f"model lacks {', '.join(absent(*OPERATIONS, *MEMBERS))}"]
    if kind == "lower-bound":
        found = {"botocore": botocore.__version__, "boto3": boto3.__version__}
        return [f"{name} is {found[name]}, not {LOWER_BOUND}" for name in found if found[name] != LOWER_BOUND]
    if kind == "aiobotocore":
        if not _installed("aiobotocore"):
            return ["aiobotocore is not installed"]
        why = _aiobotocore_accepts_botocore()
        return ([why] if why else []) + [f"{name} is not installed" for name in extra if not _installed(name)]
    return [f"unknown environment kind {kind!r}"]


if __name__ == "__main__":
    kind, *extra = sys.argv[1:]
    found = problems(kind, extra)
    names = ["botocore", "boto3", *(["aiobotocore"] if kind == "aiobotocore" else []), *extra]
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in names if _installed(name))
    if found:
        sys.exit(f"CI environment {kind!r} ({versions}) is not what it should be: {'; '.join(found)}")
    print(f"CI environment {kind!r}: {versions}")
