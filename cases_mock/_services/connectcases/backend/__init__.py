"""Plain-Python state of the mock: no HTTP knowledge lives below this package."""
