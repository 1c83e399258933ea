"""Queries that run on every request, compiled to SQL once instead of by the ORM each time (fast path only).

Everything here leans on private ORM internals (`Query.get_compiler`, `SQLCompiler.as_sql`/`klass_info`/
`results_iter`, `get_related_populators`, field caches, `_prefetched_objects_cache`); nothing outside
`nautobot.core.fastpath` may import it. Callers use the package's public wrappers, which take Django's
public path when `settings.FAST_PATH` is off.

Compiling even a small queryset (`Token.objects.select_related("user").filter(key=...)`) costs the
ORM more CPU than PostgreSQL spends answering it. `CompiledLookup` compiles the queryset once per
thread and database connection with a placeholder value, then only runs the SQL with the real value
and builds the objects the way the ORM's own iterator does (same converters, same related caches).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable

from django.db import connections, router
from django.db.models import ManyToManyField, Model, QuerySet, prefetch_related_objects
from django.db.models.query import get_related_populators

_PLACEHOLDER = "\x00nautobot-compiled-lookup\x00"


class CompiledLookup:
    """`lookup(value)` = `build(value).first()` without `first()`'s ordering, for one-parameter querysets.

    `build(value)` must return a queryset whose only SQL parameter is `value` (the placeholder is
    substituted when compiling, and checked to be the one and only parameter).
    """

    def __init__(self, build: Callable[[object], QuerySet]) -> None:
        self.build = build
        self.model = None
        self._local = threading.local()

    def _compiled(self, connection):
        compiled = getattr(self._local, "compiled", None)
        if compiled is not None and compiled[0] is connection:
            return compiled
        queryset = self.build(_PLACEHOLDER)[:1]
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        if list(params) != [_PLACEHOLDER]:
            raise ValueError(f"CompiledLookup needs exactly one parameter, the looked-up value; got {params!r}")
        klass_info = compiler.klass_info
        select = compiler.select
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [column[0].target.attname for column in select[start:end]]
        populators = get_related_populators(klass_info, select, connection.alias)
        compiled = self._local.compiled = (
            connection,
            compiler,
            sql,
            klass_info["model"],
            init_list,
            start,
            end,
            populators,
        )
        return compiled

    def __call__(self, value) -> Model | None:
        if self.model is None:
            self.model = self.build(_PLACEHOLDER).model
        connection = connections[router.db_for_read(self.model)]
        _, compiler, sql, model_cls, init_list, start, end, populators = self._compiled(connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, [value])
            row = cursor.fetchone()
        if row is None:
            return None
        row = next(iter(compiler.results_iter(results=[[row]])))
        obj = model_cls.from_db(connection.alias, init_list, row[start:end])
        for populator in populators:
            populator.populate(row, obj)
        return obj


# Foreign keys of a page, loaded with SQL compiled once ---------------------------------------------
#
# Django's prefetch of a foreign key builds a queryset, compiles it (most of its cost: the ORM's
# compiler walks every column of the related model) and runs `WHERE id IN (...)`, for every relation
# and request, and still builds and tries to compile one for a relation that is empty on every row.
# `load_foreign_keys` does what that prefetch does (one query per relation that has values, the
# related objects in the rows' field caches, shared between rows pointing at the same object) with
# `SELECT <all columns> FROM <table>` compiled once per thread, connection and model.

_selects = threading.local()


def _select_all(model: type[Model], connection):
    """`(compiler, sql, init_list, start, end)` of `model._base_manager.order_by()` unfiltered, or None if that is not a plain SELECT."""
    cache = getattr(_selects, "by_model", None)
    if cache is None:
        cache = _selects.by_model = {}
    key = (model, connection.alias)
    found = cache.get(key)
    if found is not None and found[0] is connection:
        return found[1]
    compiler = model._base_manager.db_manager(connection.alias).order_by().query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    klass_info = compiler.klass_info
    plain = (
        not params
        and not compiler.query.where
        and not klass_info.get("related_klass_infos")
        and not compiler.annotation_col_map
    )
    compiled = None
    if plain:
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [column[0].target.attname for column in compiler.select[start:end]]
        compiled = (compiler, sql, init_list, start, end)
    cache[key] = (connection, compiled)
    return compiled


def _load_one_level(objects: list, field) -> list:
    """Fill `field` (a forward foreign key or one-to-one, or a reverse one-to-one) of `objects`; return the related objects loaded."""
    todo = [obj for obj in objects if not field.is_cached(obj)]
    if not todo:
        return []
    related_model = field.related_model
    if field.concrete:
        source, target, reverse_one = field.attname, field.target_field, not field.remote_field.multiple
    else:  # reverse one-to-one: the related rows point at ours
        source, target, reverse_one = field.field.target_field.attname, field.field, True
    values = {getattr(obj, source) for obj in todo}
    values.discard(None)
    loaded: dict = {}
    if values:
        connection = connections[router.db_for_read(related_model, instance=todo[0])]
        compiled = _select_all(related_model, connection)
        if compiled is None:  # not a plain table read: let the ORM do it
            prefetch_related_objects(todo, field.name if field.concrete else field.get_accessor_name())
            return [obj for obj in (field.get_cached_value(o, default=None) for o in todo) if obj is not None]
        compiler, sql, init_list, start, end = compiled
        qn = connection.ops.quote_name
        where = f" WHERE {qn(related_model._meta.db_table)}.{qn(target.column)} IN ({', '.join(['%s'] * len(values))})"
        params = [target.get_db_prep_value(value, connection, prepared=False) for value in values]
        with connection.cursor() as cursor:
            cursor.execute(sql + where, params)
            rows = cursor.fetchall()
        from_db = related_model.from_db
        alias = connection.alias
        attname = target.attname
        for row in compiler.results_iter(results=[rows]):
            obj = from_db(alias, init_list, row[start:end])
            loaded[getattr(obj, attname)] = obj
    other_side = field.remote_field
    for obj in todo:
        related = loaded.get(getattr(obj, source))
        field.set_cached_value(obj, related)
        if reverse_one and related is not None:
            other_side.set_cached_value(related, obj)
    return list(loaded.values())


def _relation(model: type[Model], name: str):
    """The field or reverse one-to-one relation called `name` on `model` (a reverse relation by its accessor)."""
    for relation in model._meta.related_objects:
        if relation.one_to_one and relation.get_accessor_name() == name:
            return relation
    return model._meta.get_field(name)


def load_foreign_keys(objects: list, paths: list[str]) -> None:
    """For each `a__b__c` of `paths` (foreign keys, one-to-ones either way), load `c` of every `b` of every `a` of `objects`."""
    if not objects:
        return
    levels: dict[str, list] = {"": objects}
    for path in paths:
        parent = ""
        for name in path.split("__"):
            step = f"{parent}__{name}" if parent else name
            if step not in levels:
                owners = levels[parent]
                field = _relation(type(owners[0]), name) if owners else None
                if field is None:
                    levels[step] = []
                else:
                    _load_one_level(owners, field)
                    seen, related = set(), []
                    for owner in owners:
                        obj = field.get_cached_value(owner, default=None)
                        if obj is not None and id(obj) not in seen:
                            seen.add(id(obj))
                            related.append(obj)
                    levels[step] = related
            parent = step


# Any fixed-shape queryset, compiled once ----------------------------------------------------------


class CompiledQueryError(ValueError):
    """The queryset of a `CompiledQuery` cannot be replayed with other values (its parameters are not the samples)."""


class CompiledQuery:
    """`query(*values)` = `list(build(*values))`, with the SQL compiled once per thread and connection.

    `build(*values)` returns a queryset whose SQL parameters are exactly `values`, each used once; a
    value may be a list used by one `__in` lookup, whose length then shapes the SQL at run time (an
    empty list runs no query and returns `[]`, as the ORM does). `samples` are the values compiled in:
    distinct, of the real values' types (for a list: a list of one sample), never found in real data.
    Rows are built as the ORM's iterator builds them (converters, `select_related` caches).
    """

    def __init__(self, build: Callable[..., QuerySet], *samples, extra: str | None = None) -> None:
        self.build = build
        self.samples = samples
        self.extra = extra  # name of an `.extra(select=)` column to set on each object
        self.model = None
        self._local = threading.local()

    def _compile(self, connection):
        compiled = getattr(self._local, "compiled", None)
        if compiled is not None and compiled[0] is connection:
            return compiled
        queryset = self.build(*self.samples)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        if "%%" in sql or sql.count("%s") != len(params):
            raise CompiledQueryError(f"CompiledQuery cannot place the parameters of {sql!r}")
        slots = []  # per SQL parameter: (index in values, is a list, sent as hex)
        position = 0
        for index, sample in enumerate(self.samples):
            is_list = isinstance(sample, list)
            one = sample[0] if is_list else sample
            if position >= len(params):
                raise CompiledQueryError(f"CompiledQuery: sample {sample!r} is not a parameter of {sql!r}")
            param = params[position]
            hexed = isinstance(one, uuid.UUID) and param == one.hex and param != one
            if not (param == one or hexed):
                raise CompiledQueryError(
                    f"CompiledQuery: parameter {position} of {sql!r} is {param!r}, expected sample {sample!r}"
                )
            slots.append((index, is_list, hexed))
            position += 1
        if position != len(params):
            raise CompiledQueryError(f"CompiledQuery: {sql!r} has parameters besides the samples: {params!r}")
        if set(compiler.annotation_col_map) - {self.extra}:
            raise CompiledQueryError(f"CompiledQuery: {sql!r} has annotations, which it does not set on the objects")
        klass_info = compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [column[0].target.attname for column in compiler.select[start:end]]
        populators = get_related_populators(klass_info, compiler.select, connection.alias)
        pieces = sql.split("%s")
        extra_index = compiler.annotation_col_map[self.extra] if self.extra else None
        compiled = (
            connection,
            compiler,
            pieces,
            slots,
            klass_info["model"],
            init_list,
            start,
            end,
            populators,
            extra_index,
        )
        self._local.compiled = compiled
        return compiled

    def __call__(self, *values) -> list:
        if self.model is None:
            self.model = self.build(*self.samples).model
        connection = connections[router.db_for_read(self.model)]
        _, compiler, pieces, slots, model_cls, init_list, start, end, populators, extra_index = self._compile(
            connection
        )
        sql, params = [pieces[0]], []
        for number, (index, is_list, hexed) in enumerate(slots):
            value = values[index]
            if is_list:
                items = [v for v in dict.fromkeys(value) if v is not None]
                if not items:
                    return []
                sql.append(", ".join(["%s"] * len(items)))
                params.extend(_hex(v) if hexed else v for v in items)
            else:
                sql.append("%s")
                params.append(_hex(value) if hexed else value)
            sql.append(pieces[number + 1])
        with connection.cursor() as cursor:
            cursor.execute("".join(sql), params)
            rows = cursor.fetchall()
        objects = []
        alias = connection.alias
        for row in compiler.results_iter(results=[rows]):
            obj = model_cls.from_db(alias, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            if extra_index is not None:
                setattr(obj, self.extra, row[extra_index])
            objects.append(obj)
        return objects


def _hex(value) -> str:
    return (value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))).hex


# Many-to-many relations of a page, loaded with SQL compiled once ------------------------------------

_many_queries: dict = {}


def _many_query(field) -> CompiledQuery:
    """The prefetch query Django runs for forward many-to-many `field` (related model's default ordering), compiled once."""
    found = _many_queries.get(field)
    if found is None:
        related = field.related_model
        through = field.remote_field.through._meta
        source = through.get_field(field.m2m_field_name()).column
        query_name = field.related_query_name()
        sample = [_sample_pk(field.model)]

        def build(ids):
            qn = connections[router.db_for_read(related)].ops.quote_name
            return (
                related._default_manager.all()
                ._next_is_sticky()
                .filter(**{f"{query_name}__in": ids})
                .extra(select={_SOURCE: f"{qn(through.db_table)}.{qn(source)}"})
            )

        found = _many_queries[field] = CompiledQuery(build, sample, extra=_SOURCE)
    return found


_SOURCE = "_nautobot_prefetch_source"


def _sample_pk(model):
    pk = model._meta.pk
    if pk.get_internal_type() == "UUIDField":
        return uuid.UUID(int=0x7340003)
    return -7_340_003


def load_many_to_many(objects: list, name: str) -> bool:
    """Prefetch forward many-to-many `name` of `objects` as Django's prefetch does; False if `name` is not one,
    or its query cannot be compiled (nothing done: the caller uses Django's prefetch)."""
    if not objects:
        return True
    model = type(objects[0])
    try:
        field = model._meta.get_field(name)
    except Exception:
        return False
    if not isinstance(field, ManyToManyField):
        return False
    todo = []
    for obj in objects:
        cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
        if name not in cache:
            todo.append(obj)
    if not todo:
        return True
    try:
        rows = _many_query(field)([obj.pk for obj in todo])
    except CompiledQueryError:
        # SQL the compiled form cannot replay (e.g. a tree model's CTE on SQLite, whose printf
        # formats hold "%%"): the caller lets Django's prefetch do it.
        return False
    by_source: dict = {}
    to_python = model._meta.pk.to_python
    for row in rows:
        by_source.setdefault(to_python(getattr(row, _SOURCE)), []).append(row)
    for obj in todo:
        manager = getattr(obj, name)
        queryset = manager.get_queryset()
        queryset._result_cache = by_source.get(obj.pk, [])
        queryset._prefetch_done = True
        obj._prefetched_objects_cache[manager.prefetch_cache_name] = queryset
    return True
