"""django-tables2 tables: those derived from specs (one generated class per model, cached) and the 1.x table API.

1.x apps declare tables on `BaseTable` with the 1.x columns (`ToggleColumn`, `ButtonsColumn`, `TagColumn`,
`BooleanColumn`, `ColorColumn`, `ColoredLabelColumn`, `LinkedCountColumn`, `ChoiceFieldColumn`, ...).
`BaseTable` honours `Meta.default_columns` (the others are hidden until chosen), adds a `cf_<name>` column per
custom field (hidden unless listed) and offers `configurable_columns`/`visible_columns` to `TableConfigForm`.
Generated tables are `BaseTable`s too (`TableBase`: a `ToggleColumn` first, no custom field columns).

Columns come from `nautobot.core.views.defaults.list_columns`; the first links to the object, related
objects link to theirs, statuses and colors render as badges. `table_queryset` loads every related
object a table shows up front, so a page costs the same number of queries for 1 row or 1,000.
"""

import django_tables2 as tables
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django_tables2.data import TableQuerysetData
from django_tables2.utils import Accessor

from nautobot.core.api.querysets import count_subquery
from nautobot.core.colors import foreground_color
from nautobot.core.specs import ObjectSpec, has_spec, spec_for
from nautobot.core.views.defaults import list_columns, model_field, verbose
from nautobot.core.views.urls import object_url, spec_url


if not hasattr(tables, "RelatedLinkColumn"):

    class RelatedLinkColumn(tables.LinkColumn):
        """A link to the related object (its `get_absolute_url`), as django-tables2 2.x's, which 1.x apps declare as
        `django_tables2.RelatedLinkColumn()`; django-tables2 3.0 removed it (`linkify=True` does the same)."""

    tables.RelatedLinkColumn = tables.columns.RelatedLinkColumn = RelatedLinkColumn


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
    """A hex color as a swatch followed by its value."""

    def render(self, value):
        return format_html('<span class="color-swatch" style="background-color:#{}"></span> {}', value, value)


class ToggleColumn(tables.CheckBoxColumn):
    """The selection checkbox of a row (`pk`), with a select-all box in the header."""

    def __init__(self, *args, **kwargs):
        default = kwargs.pop("default", "")
        visible = kwargs.pop("visible", False)
        kwargs.setdefault("accessor", Accessor("pk"))
        kwargs.setdefault("attrs", {"th__input": {"class": "toggle-all"}, "td__input": {"name": "pk"}})
        super().__init__(*args, default=default, visible=visible, **kwargs)

    @property
    def header(self):
        return format_html('<input type="checkbox" class="toggle-all" title="Toggle all">')


class BooleanColumn(tables.Column):
    """True, false or empty as a green check, a red cross or a dash."""

    def render(self, value):
        if value is None:
            return format_html('<span class="text-body-secondary">&mdash;</span>')
        if value:
            return format_html('<span class="text-success" title="Yes"><i class="mdi mdi-check-bold"></i></span>')
        return format_html('<span class="text-danger" title="No"><i class="mdi mdi-close-thick"></i></span>')

    def value(self, value):
        return str(value)


def _badge(text, color) -> str:
    color = (color or "9e9e9e").lstrip("#")
    return format_html(
        '<span class="badge label" style="color:#{};background-color:#{}">{}</span>',
        foreground_color(color),
        color,
        text,
    )


class ColoredLabelColumn(tables.Column):
    """A related object that has a `color` (a role, a status) as a colored label linked to it."""

    def render(self, value):
        url = _absolute_url(value)
        badge = _badge(value, getattr(value, "color", None))
        return format_html('<a href="{}">{}</a>', url, badge) if url else badge

    def value(self, value):
        return str(value)


class ChoiceFieldColumn(tables.Column):
    """A choice field's label; a colored badge when the model gives the value a class (`get_<field>_class()`)."""

    def render(self, record, bound_column, value):
        get_class = getattr(record, f"get_{bound_column.name}_class", None)
        css_class = get_class() if callable(get_class) else None
        if css_class:
            return format_html('<span class="badge text-bg-{}">{}</span>', css_class, value)
        return value


class LinkedCountColumn(tables.Column):
    """A count linked to a list filtered by this row: `viewname` the list's URL name, `url_params`
    `{filter: accessor}` (e.g. `{"site_id": "pk"}`)."""

    def __init__(self, viewname, *args, view_kwargs=None, url_params=None, default=0, **kwargs):
        self.viewname = viewname
        self.view_kwargs = view_kwargs or {}
        self.url_params = url_params or {}
        super().__init__(*args, default=default, **kwargs)

    def render(self, record, value):
        if not value:
            return value
        try:
            url = reverse(self.viewname, kwargs=self.view_kwargs)
        except NoReverseMatch:
            return value
        if self.url_params:
            url += "?" + urlencode({k: getattr(record, v) for k, v in self.url_params.items()})
        return format_html('<a href="{}">{}</a>', url, value)

    def value(self, value):
        return value


class TagColumn(tables.Column):
    """The object's tags as colored labels, each linking to the list `url_name` filtered by that tag."""

    def __init__(self, url_name=None):
        self.url_name = url_name
        super().__init__(orderable=False, default="", attrs={"td": {"class": "text-nowrap"}})

    def render(self, value):
        tags = list(value.all()) if hasattr(value, "all") else list(value or [])
        if not tags:
            return format_html('<span class="text-body-secondary">&mdash;</span>')
        url = None
        if self.url_name:
            try:
                url = reverse(self.url_name)
            except NoReverseMatch:
                url = None
        return format_html_join(
            " ",
            "{}",
            (
                (
                    format_html('<a href="{}?tag={}">{}</a>', url, tag.slug, _badge(tag, tag.color))
                    if url
                    else _badge(tag, tag.color),
                )
                for tag in tags
            ),
        )

    def value(self, value):
        return ",".join(tag.name for tag in value.all()) if hasattr(value, "all") else ""


class ContentTypesColumn(tables.ManyToManyColumn):
    """Content types as `app_label.model`, one per line."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("separator", format_html("<br>"))
        kwargs.setdefault("transform", lambda ct: f"{ct.app_label}.{ct.model}")
        super().__init__(*args, **kwargs)


class CustomFieldColumn(tables.Column):
    """One custom field's value in a row (`cf_<name>` columns of `BaseTable`)."""

    def __init__(self, customfield, *args, **kwargs):
        self.customfield = customfield
        kwargs.setdefault("accessor", Accessor("_custom_field_data"))
        kwargs.setdefault("verbose_name", str(customfield))
        kwargs.setdefault("orderable", False)
        super().__init__(*args, **kwargs)

    def render(self, record, value):
        found = (value or {}).get(self.customfield.name)
        if found is None or found == "":
            return format_html('<span class="text-body-secondary">&mdash;</span>')
        if isinstance(found, bool):
            return BooleanColumn.render(self, found)
        if isinstance(found, list):
            return ", ".join(str(v) for v in found)
        return found

    def value(self, record, value):
        return (value or {}).get(self.customfield.name)


def _absolute_url(obj) -> str | None:
    if obj is None:
        return None
    method = getattr(obj, "get_absolute_url", None)
    if callable(method):
        try:
            return method()
        except NoReverseMatch:
            return None
    return object_url(obj)


def _route(model, action: str) -> tuple[str, bool] | None:
    """The URL name of `action` ("edit", "delete", "changelog") of `model`, and whether it takes the pk as `pk`."""
    label, name = model._meta.app_label, model._meta.model_name
    candidates = [f"plugins:{label}:{name}_{action}", f"{label}:{name}_{action}"]
    for candidate in candidates:
        for kwargs in ({"pk": "00000000-0000-0000-0000-000000000000"}, {"slug": "x"}):
            try:
                reverse(candidate, kwargs=kwargs)
            except NoReverseMatch:
                continue
            return candidate, "pk" in kwargs
    return None


class ButtonsColumn(tables.Column):
    """The per-row buttons of `model` (`buttons`: any of "changelog", "edit", "delete"), each shown to users with
    the permission; they come back to the list after the action. `pk_field`: the field the URLs take
    (`pk` or `slug`); `prepend_template`: template code rendered before the buttons."""

    buttons = ("changelog", "edit", "delete")
    _styles = {
        "changelog": ("btn-outline-secondary", "mdi-history", "Change log", "view"),
        "edit": ("btn-warning", "mdi-pencil", "Edit", "change"),
        "delete": ("btn-danger", "mdi-trash-can-outline", "Delete", "delete"),
    }

    def __init__(self, model, *args, pk_field="pk", buttons=None, prepend_template=None, **kwargs):
        self.model = model
        self.pk_field = pk_field
        if buttons is not None:
            self.buttons = buttons
        self.prepend_template = prepend_template
        attrs = kwargs.pop("attrs", {"td": {"class": "text-end text-nowrap noprint"}})
        kwargs.setdefault("empty_values", ())  # rendered for every row, whatever the accessor gives
        super().__init__(*args, attrs=attrs, orderable=False, **kwargs)
        self._routes = {}

    @property
    def header(self):
        return ""

    def _url(self, action, record) -> str | None:
        if action not in self._routes:
            spec = spec_for(self.model) if has_spec(self.model) else None
            self._routes[action] = ("spec", spec) if spec is not None else _route(self.model, action)
        route = self._routes[action]
        if route is None:
            return None
        if route[0] == "spec":
            return spec_url(route[1], action, record.pk)
        name, takes_pk = route
        key = getattr(record, self.pk_field) if self.pk_field != "pk" or takes_pk else record.pk
        try:
            return reverse(name, kwargs={"pk" if takes_pk else self.pk_field: key})
        except NoReverseMatch:
            return None

    def render(self, record, table):
        context = getattr(table, "context", None)
        request = context.get("request") if context is not None else None
        user = getattr(request, "user", None)
        return_url = request.get_full_path() if request is not None else ""
        html = []
        if self.prepend_template:
            html.append(Template(self.prepend_template).render(Context({"record": record, "request": request})))
        meta = self.model._meta
        for action in self.buttons:
            style, icon, title, permission = self._styles[action]
            if user is not None and not user.has_perm(f"{meta.app_label}.{permission}_{meta.model_name}"):
                continue
            url = self._url(action, record)
            if url is None:
                continue
            query = f"?return_url={return_url}" if action != "changelog" and return_url else ""
            html.append(
                format_html(
                    '<a href="{}{}" class="btn btn-sm btn-xs {}" title="{}"><i class="mdi {}" aria-hidden="true"></i>'
                    '<span class="visually-hidden">{}</span></a>',
                    url,
                    query,
                    style,
                    title,
                    icon,
                    title,
                )
            )
        return format_html_join(" ", "{}", ((h,) for h in html))


class BaseTable(tables.Table):
    """The base of 1.x app tables (see the module docstring); `BaseTable(data, user=request.user)`."""

    custom_field_columns = True  # a `cf_<name>` column per custom field of `Meta.model`
    prefetch_columns = True  # prefetch the related objects of the visible columns

    class Meta:
        attrs = {"class": "table table-hover table-sm align-middle object-list table-headings"}
        template_name = "django_tables2/bootstrap5-responsive.html"

    def __init__(self, *args, user=None, **kwargs):
        model = getattr(self._meta, "model", None)
        extra = list(kwargs.pop("extra_columns", None) or [])
        if self.custom_field_columns and model is not None and hasattr(model, "_custom_field_data"):
            custom_field = apps.get_model("extras", "CustomField")
            content_type = ContentType.objects.get_for_model(model)
            for field in custom_field.objects.filter(content_types=content_type):
                extra.append((f"cf_{field.name}", CustomFieldColumn(field)))
        if extra:
            kwargs["extra_columns"] = extra
        super().__init__(*args, **kwargs)
        if self.empty_text is None and model is not None:
            self.empty_text = f"No {model._meta.verbose_name_plural} found"
        default_columns = getattr(self.Meta, "default_columns", None)
        if default_columns:
            for column in self.columns.iterall():
                if column.name not in default_columns:
                    self.columns.hide(column.name)
        if user is not None and getattr(user, "is_authenticated", False) and hasattr(user, "get_config"):
            chosen = user.get_config(f"tables.{type(self).__name__}.columns")
            if chosen:
                self._apply_columns(chosen)
        if self.prefetch_columns and isinstance(self.data, TableQuerysetData):
            self._prefetch_visible()

    def _apply_columns(self, chosen) -> None:
        """Show the columns `chosen` in that order (the selection and action columns stay first and last)."""
        for column in self.columns.iterall():
            if column.name in ("pk", "actions"):
                continue
            (self.columns.show if column.name in chosen else self.columns.hide)(column.name)
        names = [name for name in chosen if name in self.base_columns or name in self.columns.names()]
        rest = [name for name in self.sequence if name not in names and name not in ("pk", "actions")]
        head = ["pk"] if "pk" in self.sequence else []
        tail = ["actions"] if "actions" in self.sequence else []
        self.sequence = head + names + rest + tail
        self._sequence = self.sequence

    def _prefetch_visible(self) -> None:
        """Load the related objects of the visible columns with the page (one query each, not one per row)."""
        model = self.data.data.model
        names = []
        for column in self.columns:
            if not column.visible:
                continue
            accessor = column.accessor
            path = str(accessor).replace(".", "__")
            field = None
            try:
                field = model._meta.get_field(path.split("__")[0])
            except Exception:  # not a model field (a property, a custom field)
                continue
            if field.is_relation and (field.many_to_one or field.one_to_one or field.many_to_many or field.one_to_many):
                names.append(path.split("__")[0])
        if names:
            try:
                self.data.data = self.data.data.prefetch_related(*names)
            except Exception:  # a generic relation that cannot be prefetched this way: rows load it themselves
                pass

    @property
    def configurable_columns(self) -> list[tuple[str, str]]:
        return [
            (column.name, column.verbose_name)
            for column in self.columns.iterall()
            if column.name not in ("pk", "actions")
        ]

    @property
    def visible_columns(self) -> list[str]:
        return [name for name in self.sequence if name in self.columns.names() and self.columns[name].visible]


class TableBase(BaseTable):
    """Base of generated tables: `pk` is the checkbox column of bulk actions; `table_queryset` loads what the
    columns show, and custom fields are shown on the detail page, not as columns."""

    custom_field_columns = False
    prefetch_columns = False
    pk = tables.CheckBoxColumn(accessor="pk", attrs={"th__input": {"class": "toggle-all"}, "td__input": {"name": "pk"}})

    class Meta(BaseTable.Meta):
        attrs = {"class": "table table-hover table-sm align-middle object-list"}
        empty_text = "No objects found."


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
