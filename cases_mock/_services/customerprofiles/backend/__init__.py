"""Customer Profiles state, plain Python: one ``ProfilesBackend`` per (account, region)."""
