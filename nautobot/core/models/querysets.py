"""`RestrictedQuerySet`: the default queryset of every model, with `restrict(user, action)` (1.x apps call it) and
`distinct(*fields)` on every supported engine.

`Model.objects.restrict(request.user, "view")` is the queryset narrowed to the objects the user may view, by the
same object permissions as the API and the web UI (`nautobot.core.permissions.restrict`).
"""

from typing import Any

from django.db import connections, models
from django.db.models import F, Window
from django.db.models.expressions import OrderBy
from django.db.models.functions import RowNumber


def _order_term(term):
    if not isinstance(term, str):
        return term
    if term.startswith("-"):
        return OrderBy(F(term[1:]), descending=True)
    return OrderBy(F(term.lstrip("+")))


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = "view") -> "RestrictedQuerySet":
        """The objects of this queryset that `user` may `action` ("view", "add", "change", "delete")."""
        # Imported here: `core.permissions` loads Django's auth backend, which resolves the user model at import,
        # and this module is imported while the models load (the user model among them).
        from nautobot.core.permissions import restrict

        return restrict(self, user, action)

    def distinct(self, *field_names):
        """`distinct("name", ...)` (PostgreSQL's `DISTINCT ON`) also on SQLite and MySQL/MariaDB.

        1.x apps call it (e.g. "the latest result of each job": `.order_by("name", "-completed").distinct("name")`),
        and the original ran on PostgreSQL only; elsewhere `distinct_by_window` gives the same rows.
        """
        if not field_names or connections[self.db].features.can_distinct_on_fields:
            return super().distinct(*field_names)
        return self.distinct_by_window(*field_names)

    def distinct_by_window(self, *field_names):
        """The first row of each group of equal `field_names`, in the queryset's ordering, on any engine: number the
        rows of each group in the ordering (after the distinct fields, as `DISTINCT ON` requires), keep the first.
        The ordering is the one in effect when this is called (else the model's)."""
        ordering = list(self.query.order_by) or list(self.model._meta.ordering)
        leading = {name.lstrip("-+") for name in field_names}
        while ordering and isinstance(ordering[0], str) and ordering[0].lstrip("-+") in leading:
            ordering.pop(0)
        window = Window(
            RowNumber(),
            partition_by=[F(name) for name in field_names],
            order_by=[_order_term(term) for term in ordering] or [OrderBy(F("pk"))],
        )
        return self.annotate(_distinct_on_row=window).filter(_distinct_on_row=1)
