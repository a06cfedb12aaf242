"""The installed botocore ``customer-profiles`` model, loaded once, and the operations mocked.

Read through botocore's loader directly (as ``_protocol.model`` reads Connect Cases'), so an
``AWS_PROFILE`` naming no profile does not matter; ``AWS_DATA_PATH`` is honoured.
"""

from __future__ import annotations

import os
from functools import cache

import botocore.loaders
from botocore.model import ServiceModel, Shape

SERVICE_NAME = "customer-profiles"

# The operations cases_mock answers (issue 28); every other operation of the model is routed and
# answers errors.NotMockedYet.
MOCKED_OPERATIONS = frozenset(
    {
        "CreateDomain",
        "GetDomain",
        "UpdateDomain",
        "DeleteDomain",
        "ListDomains",
        "CreateProfile",
        "UpdateProfile",
        "DeleteProfile",
        "BatchGetProfile",
        "SearchProfiles",
        "MergeProfiles",
        "AddProfileKey",
        "DeleteProfileKey",
        "ListProfileAttributeValues",
        "PutProfileObjectType",
        "GetProfileObjectType",
        "DeleteProfileObjectType",
        "ListProfileObjectTypes",
        "ListProfileObjectTypeTemplates",
        "GetProfileObjectTypeTemplate",
        "PutProfileObject",
        "DeleteProfileObject",
        "ListProfileObjects",
        "PutIntegration",
        "GetIntegration",
        "ListIntegrations",
        "DeleteIntegration",
        "ListAccountIntegrations",
        "TagResource",
        "UntagResource",
        "ListTagsForResource",
        "ListProfileHistoryRecords",
        "GetProfileHistoryRecord",
    }
)


@cache
def service_model() -> ServiceModel:
    """The newest installed botocore model of Customer Profiles (loaded once per process)."""
    loader = botocore.loaders.create_loader(os.environ.get("AWS_DATA_PATH"))
    description = loader.load_service_model(SERVICE_NAME, "service-2")
    return ServiceModel(description, service_name=SERVICE_NAME)


@cache
def error_shape(name: str) -> Shape | None:
    """The modeled error shape called ``name``, or None when the model has no such error."""
    model = service_model()
    if name not in model.shape_names:
        return None
    shape = model.shape_for(name)
    return shape if shape.metadata.get("exception") else None
