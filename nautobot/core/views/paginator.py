"""Pagination of list pages as 1.x documents it: `EnhancedPaginator` and `get_paginate_count`.

`get_paginate_count(request)`: the `per_page` query parameter (remembered in the user's preferences when they
have any), else the user's saved `pagination.per_page`, else `PAGINATE_COUNT`; never above `MAX_PAGE_SIZE`
(0: no limit). `EnhancedPaginator.get_page_numbers()` gives the page links to show, `None` for a gap.
"""

from django.core.paginator import Page, Paginator

from nautobot.core.maintenance import maintenance_mode
from nautobot.core.runtime_settings import get_settings_or_config

PAGE_SIZE_PREFERENCE = "pagination.per_page"


def _limit(count: int) -> int:
    maximum = get_settings_or_config("MAX_PAGE_SIZE")
    return min(count, maximum) if maximum else count


def get_paginate_count(request) -> int:
    """How many rows a page of a list shows for `request` (see the module docstring)."""
    user = getattr(request, "user", None)
    value = request.GET.get("per_page")
    if value is not None:
        try:
            count = int(value)
        except ValueError:
            count = 0
        if count > 0:
            # Remembered for the user, written only when it changes (not in maintenance mode, whose database may be
            # read-only: the choice then applies to this page only).
            remembers = user is not None and user.is_authenticated and hasattr(user, "set_config")
            if remembers and not maintenance_mode() and user.get_config(PAGE_SIZE_PREFERENCE, None) != count:
                user.set_config(PAGE_SIZE_PREFERENCE, count, commit=True)
            return _limit(count)
    if user is not None and user.is_authenticated and hasattr(user, "get_config"):
        saved = user.get_config(PAGE_SIZE_PREFERENCE, None)
        if isinstance(saved, int) and saved > 0:
            return _limit(saved)
    return _limit(get_settings_or_config("PAGINATE_COUNT"))


class EnhancedPage(Page):
    def smart_pages(self) -> list[int | None]:
        """Page numbers to link around this page: the first, the last, two either side, `None` for a gap."""
        numbers = sorted(
            {
                1,
                self.paginator.num_pages,
                *range(max(1, self.number - 2), min(self.paginator.num_pages, self.number + 2) + 1),
            }
        )
        pages: list[int | None] = []
        for number in numbers:
            if pages and number - pages[-1] > 1:
                pages.append(None)
            pages.append(number)
        return pages


class EnhancedPaginator(Paginator):
    """A paginator whose `per_page` is a number or a request-derived count, with gap-aware page lists."""

    def __init__(self, object_list, per_page, orphans=0, **kwargs):
        try:
            per_page = int(per_page)
            if per_page < 1:
                per_page = get_settings_or_config("PAGINATE_COUNT")
        except (TypeError, ValueError):
            per_page = get_settings_or_config("PAGINATE_COUNT")
        super().__init__(object_list, per_page, orphans=orphans, **kwargs)

    def _get_page(self, *args, **kwargs):
        return EnhancedPage(*args, **kwargs)

    def get_page_numbers(self, number: int) -> list[int | None]:
        return self.page(number).smart_pages()
