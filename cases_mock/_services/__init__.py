"""The services the mock answers, one folder each (``connectcases/``: Amazon Connect Cases)."""
