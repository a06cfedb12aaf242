"""The ways in: botocore's hooks (before-call and before-send), aiobotocore's, the ``requests``
adapter, the endpoint-configuration guard, and the decorator that activates a mock around any
callable. Each is inert while no mock is active. Private: users import from ``cases_mock``."""
