"""Queries that run on every request, compiled to SQL once instead of by the ORM each time.

Compiling even a small queryset (`Token.objects.select_related("user").filter(key=...)`) costs the
ORM more CPU than PostgreSQL spends answering it. `CompiledLookup` compiles the queryset once per
thread and database connection with a placeholder value, then only runs the SQL with the real value
and builds the objects the way the ORM's own iterator does (same converters, same related caches).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections, router
from django.db.models import Model, QuerySet
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
        compiled = self._local.compiled = (connection, compiler, sql, klass_info["model"], init_list, start, end, populators)
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
