"""Page querysets: their foreign keys and plain many-to-many fields loaded with SQL compiled once (fast path only)."""

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from nautobot.core.fastpath import compiled
from nautobot.core.fastpath.switch import enabled


class ForeignKeyPrefetch(Prefetch):
    """A path of forward foreign keys (or one-to-ones, either way) to load for a page of rows.

    Querysets from `page_queryset` load these with `load_foreign_keys` (SQL compiled once, no ordering: a
    foreign key's objects are matched to rows by key, so their model's default ordering would only cost an
    ORDER BY nobody sees). Anywhere else, and with the fast path off, Django runs it as a plain prefetch.
    """


class _PageQuerySetMixin:
    """Runs the `ForeignKeyPrefetch` lookups with `load_foreign_keys`, the others with Django's prefetch."""

    def _prefetch_related_objects(self):
        if not enabled():
            return super()._prefetch_related_objects()
        lookups = self._prefetch_related_lookups
        foreign = [lookup.prefetch_through for lookup in lookups if type(lookup) is ForeignKeyPrefetch]
        if foreign:
            compiled.load_foreign_keys(self._result_cache, foreign)
            lookups = [lookup for lookup in lookups if type(lookup) is not ForeignKeyPrefetch]
        # plain many-to-many fields with SQL compiled once; anything else (nested, generic) by Django
        lookups = [
            lookup
            for lookup in lookups
            if not (
                isinstance(lookup, str)
                and "__" not in lookup
                and compiled.load_many_to_many(self._result_cache, lookup)
            )
        ]
        if lookups:
            prefetch_related_objects(self._result_cache, *lookups)
        self._prefetch_done = True


_page_classes: dict[type, type] = {}


def page_queryset(queryset: QuerySet) -> QuerySet:
    """`queryset`, whose prefetches (see `ForeignKeyPrefetch`) run with SQL compiled once while the fast path is
    on; unchanged when it is off. Still a queryset of its class (a subclass of it): filters and clones keep it."""
    if enabled() and not isinstance(queryset, _PageQuerySetMixin):
        cls = type(queryset)
        found = _page_classes.get(cls)
        if found is None:
            found = _page_classes[cls] = type(
                f"Page{cls.__name__}", (_PageQuerySetMixin, cls), {"__module__": cls.__module__}
            )
        queryset.__class__ = found
    return queryset
