"""The fast path: every shortcut through private Django/DRF internals, fenced in one package behind one setting.

The API's speed comes from doing less than the ORM and DRF do per request: SQL compiled once per thread
instead of by the ORM on each query (`compiled.py`), a serializer's per-field work looked up once per class
(`output.py`), and unique checks that DRF's validators already made not asked again (`validation.py`).
Each of them reaches into internals that a Django or DRF upgrade may change, so no other module does:
callers ask this package (`fastpath.Query(...)`, `fastpath.load_foreign_keys(...)`, `fastpath.represent(...)`).

`settings.FAST_PATH` (default True; `NAUTOBOT_FAST_PATH`) is read on every call, not at import. When it is
off, every entry point takes the plain, public path instead: the queryset itself, `prefetch_related_objects`,
DRF's `to_representation`, the model's `validate_unique`. Both paths give byte-identical API responses
(`core/tests/test_fast_path.py` compares them for every spec; the contract suite runs with it on and off),
and the same query count per page of reads; writes on the plain path ask the database again for the unique
checks DRF's validators made (one query per unique field set and object).
"""

from collections.abc import Callable

from django.db.models import Model, QuerySet, prefetch_related_objects

from nautobot.core.fastpath import compiled
from nautobot.core.fastpath.output import represent
from nautobot.core.fastpath.pages import ForeignKeyPrefetch, page_queryset
from nautobot.core.fastpath.switch import enabled
from nautobot.core.fastpath.validation import validate_unique

__all__ = [
    "ForeignKeyPrefetch",
    "Lookup",
    "Query",
    "enabled",
    "load_foreign_keys",
    "load_many_to_many",
    "page_queryset",
    "represent",
    "sample_pk",
    "validate_unique",
]


class Lookup:
    """`lookup(value)`: the first object of `build(value)[:1]` (no ordering added), or None.

    `build(value)` returns a queryset whose only SQL parameter is `value` (checked when compiling).
    """

    def __init__(self, build: Callable[[object], QuerySet]) -> None:
        self.build = build
        self._compiled = compiled.CompiledLookup(build)

    def __call__(self, value) -> Model | None:
        if enabled():
            return self._compiled(value)
        return next(iter(self.build(value)[:1]), None)


class Query:
    """`query(*values)` = `list(build(*values))`.

    `build(*values)` returns a queryset whose SQL parameters are exactly `values`, each used once; a value
    may be a list used by one `__in` lookup. `samples` stand for the values when compiling: distinct, of the
    values' types (a list: a list of one sample), never found in real data. A queryset whose SQL cannot be
    replayed that way (or that has annotations besides `extra`, an `.extra(select=)` column) is run by the ORM.
    `build`'s queryset may prefetch only if `prefetch_from` is given: a queryset with the same prefetches
    (cheaper to build: no filter), whose prefetches then run on the compiled query's rows.
    """

    def __init__(
        self,
        build: Callable[..., QuerySet],
        *samples,
        extra: str | None = None,
        prefetch_from: Callable[[], QuerySet] | None = None,
    ) -> None:
        self.build = build
        self.prefetch_from = prefetch_from
        self._compiled = compiled.CompiledQuery(build, *samples, extra=extra)
        self._replayable = True

    def __call__(self, *values) -> list:
        if enabled() and self._replayable:
            try:
                rows = self._compiled(*values)
            except compiled.CompiledQueryError:
                self._replayable = False  # e.g. SQLite's printf("%%s") formats of a tree query
            else:
                if rows and self.prefetch_from is not None:
                    # The related objects exactly as iterating the queryset would load them.
                    queryset = self.prefetch_from()
                    queryset._result_cache = rows
                    queryset._prefetch_related_objects()
                return rows
        return list(self.build(*values))


def load_foreign_keys(objects: list, paths: list[str]) -> None:
    """For each `a__b__c` of `paths` (foreign keys, one-to-ones either way), load `c` of every `b` of every
    `a` of `objects` into their caches: one query per relation that has values, as Django's prefetch."""
    if not objects or not paths:
        return
    if enabled():
        compiled.load_foreign_keys(objects, paths)
    else:
        prefetch_related_objects(objects, *paths)


def load_many_to_many(objects: list, name: str) -> None:
    """Prefetch many-to-many field `name` of `objects`, as `prefetch_related_objects(objects, name)`."""
    if not (enabled() and compiled.load_many_to_many(objects, name)):
        prefetch_related_objects(objects, name)


def sample_pk(model: type[Model]):
    """A primary key value of `model`'s type that no row has: the sample of a `Query`'s list of keys."""
    return compiled._sample_pk(model)
