"""Fixtures of the extras tests: real installations (`make_deployment`) come from the core tests."""

from nautobot.core.tests.conftest import make_deployment  # noqa: F401
