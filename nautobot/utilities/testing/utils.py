"""1.x path (façade): test helpers."""

from nautobot.core.testing.utils import (
    create_test_user,
    disable_warnings,
    extract_form_failures,
    extract_page_body,
    get_deletable_objects,
    post_data,
)

__all__ = (
    "create_test_user",
    "disable_warnings",
    "extract_form_failures",
    "extract_page_body",
    "get_deletable_objects",
    "post_data",
)
