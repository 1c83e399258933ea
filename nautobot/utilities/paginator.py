"""1.x path `nautobot.utilities.paginator`: a façade re-exporting `nautobot.core.views.paginator` (no logic here)."""

from nautobot.core.views.paginator import EnhancedPage, EnhancedPaginator, get_paginate_count  # noqa: F401
