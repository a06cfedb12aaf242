"""A boto3 session as one made before ``import cases_mock`` is (boto3's default session in a
notebook, a module-level client in code imported first): botocore copies its built-in handlers
into a session when it makes it, so such a session lacks the ones the import adds."""

from __future__ import annotations

import boto3
import botocore.handlers
import botocore.session

from cases_mock._interception.botocore_hook import HANDLERS


def session_made_before_import() -> boto3.Session:
    """A session without the handlers ``import cases_mock`` adds to botocore's built-in ones."""
    ours = set(HANDLERS)
    saved = list(botocore.handlers.BUILTIN_HANDLERS)
    botocore.handlers.BUILTIN_HANDLERS[:] = [entry for entry in saved if tuple(entry[:2]) not in ours]
    try:
        return boto3.Session(botocore_session=botocore.session.Session())
    finally:
        botocore.handlers.BUILTIN_HANDLERS[:] = saved
