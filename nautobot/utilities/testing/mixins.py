"""1.x path (façade): what every test case has."""

from nautobot.core.testing.mixins import NautobotTestCaseMixin, NautobotTestClient

__all__ = ("NautobotTestCaseMixin", "NautobotTestClient")
