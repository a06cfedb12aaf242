"""Amazon Connect Cases (boto3 ``connectcases``, API 2022-10-03): its hosts, errors, handlers (one
module per resource), backend (plain Python state per account and region), case event streams,
ids, the input member table, seeding and the demo."""
