"""Limit/offset pagination with the original's rules for `limit=0`, `MAX_PAGE_SIZE` and bad values."""

from rest_framework.pagination import LimitOffsetPagination
from rest_framework.utils.urls import remove_query_param, replace_query_param

from nautobot.core.runtime_settings import get_settings_or_config


class OptionalLimitOffsetPagination(LimitOffsetPagination):
    """`?limit=N&offset=M`, clamped to MAX_PAGE_SIZE; `limit=0` = MAX_PAGE_SIZE, or everything if that is 0."""

    def get_limit(self, request) -> int | None:
        max_size = get_settings_or_config("MAX_PAGE_SIZE")
        raw = request.query_params.get(self.limit_query_param)
        if raw is None:
            return get_settings_or_config("PAGINATE_COUNT")
        try:
            limit = int(raw)
        except ValueError:
            return get_settings_or_config("PAGINATE_COUNT")
        if limit < 0:
            return get_settings_or_config("PAGINATE_COUNT")
        if limit == 0:
            return max_size or None
        return min(limit, max_size) if max_size else limit

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.limit = self.get_limit(request)
        self.offset = self.get_offset(request)
        if self.limit is None:
            rows = list(queryset[self.offset :]) if self.offset else list(queryset)
            self.count = self.offset + len(rows) if rows or not self.offset else self.get_count(queryset)
            return rows
        rows = list(queryset[self.offset : self.offset + self.limit])
        if len(rows) < self.limit and (rows or not self.offset):
            # A short page is the last one: the total is known without a COUNT query.
            self.count = self.offset + len(rows)
        else:
            self.count = self.get_count(queryset)
        return rows

    def get_next_link(self) -> str | None:
        if self.limit is None or self.offset + self.limit >= self.count:
            return None
        url = self.request.build_absolute_uri()
        url = replace_query_param(url, self.limit_query_param, self.limit)
        return replace_query_param(url, self.offset_query_param, self.offset + self.limit)

    def get_previous_link(self) -> str | None:
        if self.limit is None or self.offset <= 0:
            return None
        url = replace_query_param(self.request.build_absolute_uri(), self.limit_query_param, self.limit)
        if self.offset - self.limit <= 0:
            return remove_query_param(url, self.offset_query_param)
        return replace_query_param(url, self.offset_query_param, self.offset - self.limit)
