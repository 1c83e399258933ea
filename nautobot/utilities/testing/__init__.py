"""1.x path of the app test API (façade: names from `nautobot.core.testing` and the jobs feature)."""

from nautobot.core.testing.api import APITestCase, APITransactionTestCase, APIViewTestCases
from nautobot.core.testing.filters import FilterTestCases
from nautobot.core.testing.mixins import NautobotTestCaseMixin, NautobotTestClient
from nautobot.core.testing.utils import (
    create_test_user,
    disable_warnings,
    extract_form_failures,
    extract_page_body,
    get_deletable_objects,
    post_data,
)
from nautobot.core.testing.views import ModelTestCase, ModelViewTestCase, TestCase, TransactionTestCase, ViewTestCases
from nautobot.extras.jobs.testing import run_job_for_testing

__all__ = (
    "APITestCase",
    "APITransactionTestCase",
    "APIViewTestCases",
    "FilterTestCases",
    "ModelTestCase",
    "ModelViewTestCase",
    "NautobotTestCaseMixin",
    "NautobotTestClient",
    "TestCase",
    "TransactionTestCase",
    "ViewTestCases",
    "create_test_user",
    "disable_warnings",
    "extract_form_failures",
    "extract_page_body",
    "get_deletable_objects",
    "post_data",
    "run_job_for_testing",
)
