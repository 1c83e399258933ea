"""1.x path (façade): the API test cases."""

from nautobot.core.testing.api import APITestCase, APITransactionTestCase, APIViewTestCases

__all__ = ("APITestCase", "APITransactionTestCase", "APIViewTestCases")
