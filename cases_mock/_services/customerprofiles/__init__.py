"""Amazon Connect Customer Profiles (botocore ``customer-profiles``): errors, backend, handlers.

The second service of the mock, beside ``connectcases``. ``backend/`` holds plain Python state per
(account, region); ``handlers/`` converts validated wire params to backend calls and back.
"""
