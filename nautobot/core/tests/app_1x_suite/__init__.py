"""A 1.x-style app test module on built-in models, run by `nautobot-server test` (see test_app_api_testing.py).

Its file names do not start with `test_`, so pytest leaves it to Django's test runner.
"""
