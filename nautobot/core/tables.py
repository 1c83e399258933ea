"""django-tables2 tables derived from specs: one generated table class per model, cached.

Columns come from `nautobot.core.views.defaults.list_columns`; the first links to the object, related
objects link to theirs, statuses and colors render as badges. `table_queryset` loads every related
object a table shows up front, so a page costs the same number of queries for 1 row or 1,000.
"""

import django_tables2 as tables
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.html import format_html

from nautobot.core.api.querysets import count_subquery
from nautobot.core.specs import ObjectSpec
from nautobot.core.views.defaults import list_columns, model_field, verbose
from nautobot.core.views.urls import object_url


def _link(value, url) -> str:
    return format_html('<a href="{}">{}</a>', url, value) if url else format_html("{}", value)


class ObjectColumn(tables.Column):
    """The first column: the value linked to the row's object."""

    def render(self, value, record):
        return _link(value, object_url(record))


class RelatedColumn(tables.Column):
    """A foreign key: the related object linked to its page; colored objects (statuses, roles) as badges."""

    def render(self, value):
        color = getattr(value, "color", None)
        if color:
            return format_html(
                '<span class="badge" style="background-color:#{}">{}</span>', color, _link(value, object_url(value))
            )
        return _link(value, object_url(value))


class ColorColumn(tables.Column):
    def render(self, value):
        return format_html('<span class="color-swatch" style="background-color:#{}"></span> {}', value, value)


class TableBase(tables.Table):
    """Base of generated tables; `pk` is the checkbox column of bulk actions."""

    pk = tables.CheckBoxColumn(accessor="pk", attrs={"th__input": {"class": "toggle-all"}, "td__input": {"name": "pk"}})

    class Meta:
        attrs = {"class": "table table-hover table-sm align-middle object-list"}
        empty_text = "No objects found."
        template_name = "django_tables2/bootstrap5-responsive.html"


def _column(spec: type[ObjectSpec], name: str, first: bool) -> tables.Column:
    field = model_field(spec, name)
    label = verbose(spec, name)
    orderable = field is not None and not field.many_to_many or name in spec.counts
    if first:
        return ObjectColumn(verbose_name=label, orderable=orderable)
    if field is not None and field.is_relation:
        return RelatedColumn(verbose_name=label, orderable=orderable)
    if isinstance(field, models.BooleanField):
        return tables.BooleanColumn(verbose_name=label)
    if name == "color":
        return ColorColumn(verbose_name=label)
    return tables.Column(verbose_name=label, orderable=orderable)


_tables: dict = {}


def table_for(
    spec: type[ObjectSpec], *, columns: tuple[str, ...] | None = None, selectable: bool = True
) -> type[tables.Table]:
    """Return the (generated, cached) table class of `spec` with `columns` (default: the spec's list columns)."""
    names = columns or list_columns(spec)
    key = (spec, names, selectable)
    table = _tables.get(key)
    if table is None:
        attrs = {name: _column(spec, name, first=index == 0) for index, name in enumerate(names)}
        if not selectable:
            attrs["pk"] = None
        meta = type(
            "Meta",
            (TableBase.Meta,),
            {"model": spec.model, "fields": (), "sequence": (*(("pk",) if selectable else ()), *names)},
        )
        table = _tables[key] = type(f"{spec.model.__name__}Table", (TableBase,), {**attrs, "Meta": meta})
    return table


def table_queryset(
    spec: type[ObjectSpec], queryset: models.QuerySet, columns: tuple[str, ...] | None = None
) -> models.QuerySet:
    """`queryset` with the related objects and counts that the table's columns show."""
    names = columns or list_columns(spec)
    related = []
    for name in names:
        field = model_field(spec, name)
        if field is not None and field.is_relation and not field.many_to_many:
            related.append(name)
            # Content types of generic references are what `__str__` of such objects usually reads
            # (an object change, a note): load them with the page rather than once per row.
            if field.related_model is not None:  # None: a generic foreign key
                related.extend(
                    f"{name}__{f.name}"
                    for f in field.related_model._meta.concrete_fields
                    if f.is_relation and f.related_model is ContentType
                )
    counts = {name: count_subquery(spec.model, spec.counts[name]) for name in names if name in spec.counts}
    if related:
        queryset = queryset.prefetch_related(*related)
    return queryset.annotate(**counts) if counts else queryset
