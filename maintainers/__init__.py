"""Maintainers' tools, run from a checkout and not shipped in the package: the generated docs
(``python -m maintainers.coverage``, ``python -m maintainers.api_reference``) and the dashboard
screenshots (``python -m maintainers.screenshots``)."""
