"""1.x path (façade): the filterset test cases."""

from nautobot.core.testing.filters import FilterTestCases

__all__ = ("FilterTestCases",)
