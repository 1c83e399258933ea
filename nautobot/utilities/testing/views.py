"""1.x path (façade): the web UI test cases."""

from nautobot.core.testing.views import ModelTestCase, ModelViewTestCase, TestCase, TransactionTestCase, ViewTestCases

__all__ = ("ModelTestCase", "ModelViewTestCase", "TestCase", "TransactionTestCase", "ViewTestCases")
