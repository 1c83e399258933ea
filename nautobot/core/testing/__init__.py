"""Testing support.

- For apps (the 1.x API, re-exported by `nautobot.utilities.testing` and `nautobot.apps.testing`): `TestCase`,
  `TransactionTestCase`, `ModelTestCase`, `ModelViewTestCase`, `ViewTestCases` (`views`), `APITestCase`,
  `APIViewTestCases`, `APITransactionTestCase` (`api`), `FilterTestCases` (`filters`), `NautobotTestCaseMixin`,
  `NautobotTestClient` (`mixins`), `post_data`, `create_test_user`, `extract_form_failures`,
  `extract_page_body`, `disable_warnings`, `get_deletable_objects` (`utils`); `nautobot-server test` runs them
  with `runner.NautobotTestRunner`.
- For our own suite: tests that run real services and processes (`processes`), builders, API cases.

The names above are also attributes of this package, imported when first used: the package itself is
imported before Django is set up (the pytest plugin lives in it), and the test cases need the app registry.
"""

import importlib

_HOMES = {
    "APITestCase": "api",
    "APITransactionTestCase": "api",
    "APIViewTestCases": "api",
    "FilterTestCases": "filters",
    "ModelTestCase": "views",
    "ModelViewTestCase": "views",
    "NautobotTestCaseMixin": "mixins",
    "NautobotTestClient": "mixins",
    "TestCase": "views",
    "TransactionTestCase": "views",
    "ViewTestCases": "views",
    "create_test_user": "utils",
    "disable_warnings": "utils",
    "extract_form_failures": "utils",
    "extract_page_body": "utils",
    "get_deletable_objects": "utils",
    "post_data": "utils",
}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


def __dir__():
    return sorted([*globals(), *_HOMES])
