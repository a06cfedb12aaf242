"""The engine: the request path every way in shares (``dispatch``: route, parse, validate, handle,
serialise) and the state a mock owns beside its backends (the call record, faults, the clock,
limits, JSON state, rollback of a decorated class's tests). Private: users import from
``cases_mock``."""
