"""The account and region given to the mock, checked in one place (docs/interception.md).

An account is 12 digits; a region is one the installed botocore's endpoint data names
(``hosts.known_region``). Every place that takes one from the user (the ``CasesMock``
arguments, ``backend()``/``seed()``, the pytest marker and ini options, ``CasesServer`` and
``cases-mock serve --account-id``, the environment variables) checks it here, so the error
says the same thing everywhere and names where the value came from.
"""

from __future__ import annotations

import os
import re

DEFAULT_ACCOUNT_ID = "123456789012"  # the account of a request that names none, as moto's
DEFAULT_REGION = "us-east-1"  # the region of a request whose signature names none
ACCOUNT_ENV = "CASES_MOCK_ACCOUNT_ID"
MOTO_ACCOUNT_ENV = "MOTO_ACCOUNT_ID"
_ACCOUNT = re.compile(r"\d{12}")


def check_account_id(value: object, where: str) -> str:
    """``value`` if it is an AWS account id (12 digits), else ValueError naming ``where``
    (``"the account_id argument"``, ``"the environment variable CASES_MOCK_ACCOUNT_ID"``...)."""
    if not isinstance(value, str) or not _ACCOUNT.fullmatch(value):
        raise ValueError(
            f"{where}: {value!r} is not an AWS account id (12 digits, e.g. {DEFAULT_ACCOUNT_ID!r})"
        )
    return value


def default_account_id() -> str:
    """``CASES_MOCK_ACCOUNT_ID``, else ``MOTO_ACCOUNT_ID``, else ``123456789012``; checked."""
    for name in (ACCOUNT_ENV, MOTO_ACCOUNT_ENV):
        value = os.environ.get(name)
        if value:
            return check_account_id(value, f"the environment variable {name}")
    return DEFAULT_ACCOUNT_ID


def check_region(value: object, where: str) -> str:
    """``value`` if the installed botocore's endpoint data names that region, else ValueError
    naming ``where`` (a region botocore does not know is a typo, or needs a newer botocore)."""
    from cases_mock._protocol.hosts import known_region

    if not isinstance(value, str) or not known_region(value):
        import botocore

        raise ValueError(
            f"{where}: {value!r} is not a region the installed botocore {botocore.__version__} knows "
            f"(e.g. 'us-east-1', 'eu-west-2'; a region launched since needs a newer botocore)"
        )
    return value
