"""Dynamic groups in the web UI beyond the generated pages: the edit form (content type, then the member model's
filter fields and the child groups with their operators), the members table of a group's page and the "Dynamic
Groups" tab of the objects groups can select."""

from __future__ import annotations

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.html import escape

from nautobot.core import forms as spec_forms
from nautobot.core.filters import filterset_for
from nautobot.core.specs import has_spec, spec_for
from nautobot.core.tables import table_for, table_queryset
from nautobot.core.views import defaults
from nautobot.core.views.objects import (
    ObjectEditView,
    WriteRejected,
    add_errors,
    tab_context,
    validated_serializer,
)
from nautobot.core.views.permissions import allowed, require
from nautobot.core.views.urls import object_url
from nautobot.core.writes import WriteConflict, WriteForbidden, objects_save, web_origin
from nautobot.extras.choices import DynamicGroupOperatorChoices
from nautobot.extras.dynamicgroups.models import (
    DynamicGroup,
    DynamicGroupMembership,
    group_content_types,
    group_models,
)

FILTER_PREFIX = "filter-"
CHILD_ROWS_EXTRA = 2  # blank child rows offered below the existing ones
EXCLUDED_FILTERS = ("q", "name", "slug", "description", "comments")  # as 1.x: no search box, no names


# Filter fields ----------------------------------------------------------------------------------------------------
def filter_fields(model, user) -> dict[str, forms.Field]:
    """The member model's list-page filter fields, named `filter-<parameter>`."""
    spec = spec_for(model)
    params = [entry[0] if isinstance(entry, tuple) else entry for entry in spec.filter_fields]
    params = list(dict.fromkeys([*defaults.filter_form_fields(spec), *params]))
    fields: dict[str, forms.Field] = {}
    for param in params:
        if param in EXCLUDED_FILTERS:
            continue
        try:
            form = spec_forms.filter_form(spec, (param,), user)
        except Exception:  # a parameter the list page's form cannot show (a reverse path): left to the API
            continue
        fields.update({f"{FILTER_PREFIX}{n}": f for n, f in form.fields.items() if n not in EXCLUDED_FILTERS})
    filterset = filterset_for(model)
    return {name: field for name, field in fields.items() if name[len(FILTER_PREFIX) :] in filterset.base_filters}


def filter_initial(group: DynamicGroup | None) -> dict:
    """The group's filter as initial values of the filter fields (single values unwrapped for text inputs)."""
    initial = {}
    for name, value in ((group.filter if group else None) or {}).items():
        initial[f"{FILTER_PREFIX}{name}"] = value
    return initial


def filter_from_cleaned(fields: dict[str, forms.Field], cleaned: dict) -> dict:
    """The `filter` dict of the filter fields' cleaned values: filter parameters as the list page takes them."""
    result = {}
    for name, field in fields.items():
        value = cleaned.get(name)
        if value in (None, "", [], ()) or (hasattr(value, "exists") and not value.exists()):
            continue
        param = name[len(FILTER_PREFIX) :]
        if isinstance(field, forms.ModelMultipleChoiceField):
            result[param] = [str(obj.pk) for obj in value]
        elif isinstance(field, forms.ModelChoiceField):
            result[param] = [str(value.pk)]
        elif isinstance(field, forms.MultipleChoiceField):
            result[param] = list(value)
        elif isinstance(value, str) and isinstance(field, forms.CharField):
            result[param] = [value]
        else:
            result[param] = [str(value)]
    return result


# Child groups -----------------------------------------------------------------------------------------------------
def child_fields(group: DynamicGroup | None, content_type_id) -> tuple[dict[str, forms.Field], dict]:
    """Rows `child-<n>-group/operator/weight` (and `-delete` for existing ones): fields and initial values."""
    memberships = list(group.dynamic_group_memberships.select_related("group")) if group and group.pk else []
    candidates = DynamicGroup.objects.filter(content_type_id=content_type_id)
    if group is not None and group.pk:
        candidates = candidates.exclude(pk=group.pk)
    fields: dict[str, forms.Field] = {}
    initial: dict = {}
    for index in range(len(memberships) + CHILD_ROWS_EXTRA):
        prefix = f"child-{index}-"
        fields[f"{prefix}group"] = forms.ModelChoiceField(
            queryset=candidates, required=False, label=f"Child group {index + 1}"
        )
        fields[f"{prefix}operator"] = forms.ChoiceField(
            choices=DynamicGroupOperatorChoices.CHOICES, required=False, label="Operator"
        )
        fields[f"{prefix}weight"] = forms.IntegerField(min_value=0, required=False, label="Weight")
        if index < len(memberships):
            fields[f"{prefix}delete"] = forms.BooleanField(required=False, label="Remove")
            membership = memberships[index]
            initial.update(
                {
                    f"{prefix}group": membership.group_id,
                    f"{prefix}operator": membership.operator,
                    f"{prefix}weight": membership.weight,
                }
            )
    return fields, initial


def children_from_cleaned(cleaned: dict) -> list[tuple[DynamicGroup, str, int]]:
    rows = []
    index = 0
    while f"child-{index}-group" in cleaned:
        prefix = f"child-{index}-"
        index += 1
        if cleaned.get(f"{prefix}delete") or cleaned.get(f"{prefix}group") is None:
            continue
        operator = cleaned.get(f"{prefix}operator") or DynamicGroupOperatorChoices.OPERATOR_UNION
        weight = cleaned.get(f"{prefix}weight")
        rows.append((cleaned[f"{prefix}group"], operator, (index * 10) if weight is None else weight))
    return rows


def save_children(group: DynamicGroup, rows: list[tuple[DynamicGroup, str, int]]) -> None:
    """Make the group's memberships those of `rows` (all or nothing; `ValidationError` as the model words it)."""
    with transaction.atomic():
        group.dynamic_group_memberships.all().delete()
        for child, operator, weight in rows:
            membership = DynamicGroupMembership(parent_group=group, group=child, operator=operator, weight=weight)
            membership.full_clean()
            membership.save()


class DynamicGroupEditView(ObjectEditView):
    """The generated add/edit form, plus, once the content type is known (the group's, or `?content_type=<id>` on the
    add page), the member model's filter fields and rows of child groups with operator and weight. As 1.x, a new
    group may be saved with its content type alone, and its filter edited afterwards."""

    def content_type_id(self, obj, data) -> str | None:
        if obj is not None:
            return str(obj.content_type_id)
        value = (data or {}).get("content_type") or self.request.GET.get("content_type")
        return str(value) if value else None

    def extend(self, form, obj, data=None) -> tuple[dict, dict]:
        """Add the filter and child fields to `form`; return them (filter fields, child fields)."""
        ct_id = self.content_type_id(obj, data)
        model = None
        if ct_id and ct_id.isdigit():
            found = next((m for m in group_models() if _content_type_id(m) == int(ct_id)), None)
            model = found if found is not None and has_spec(found) else None
        if model is None:
            return {}, {}
        filters = filter_fields(model, self.request.user)  # (the content type field is set by `base_form`)
        children, child_initial = child_fields(obj, int(ct_id))
        form.fields.update(filters)
        form.fields.update(children)
        if obj is not None:
            form.fields["content_type"].disabled = True  # as 1.x: fixed once created
        if data is None:
            form.initial.update(filter_initial(obj))
            form.initial.update(child_initial)
            if obj is None:
                form.initial["content_type"] = int(ct_id)
        return filters, children

    def base_form(self, obj, **kwargs):
        """The spec's form without `filter` (edited through its fields), choosing among the group content types."""
        names = tuple(n for n in defaults.form_fields(self.spec) if n != "filter")
        form = spec_forms.object_form(self.spec, names, self.request.user, **kwargs)
        form.fields["content_type"] = forms.ModelChoiceField(
            queryset=ContentType.objects.filter(group_content_types()).order_by("app_label", "model"),
            label="Content type",
            help_text="The type of object for this Dynamic Group.",
        )
        return form

    def edit_page(self, request, kwargs: dict):
        obj = self.edit_object(kwargs)
        names = tuple(n for n in defaults.form_fields(self.spec) if n != "filter")
        form = self.base_form(obj, initial=spec_forms.initial_from(obj, names, self.model))
        if obj is None:
            form.initial.update({k: v for k, v in request.GET.items() if k in form.fields})
        self.extend(form, obj)
        return self.edit_form_page(form, obj)

    def edit_save(self, request, kwargs: dict):
        obj = self.edit_object(kwargs)
        form = self.base_form(obj, data=request.POST, files=request.FILES)
        if obj is not None:
            form.initial["content_type"] = obj.content_type_id
        filters, children = self.extend(form, obj, data=request.POST)
        if not form.is_valid():
            return self.edit_form_page(form, obj)
        payload = spec_forms.form_payload(form, self.model)
        for name in (*filters, *children):
            payload.pop(name, None)
        payload["filter"] = filter_from_cleaned(filters, form.cleaned_data)
        if obj is not None:
            payload.pop("content_type", None)
        else:
            chosen = form.cleaned_data["content_type"]
            payload["content_type"] = f"{chosen.app_label}.{chosen.model}"
        rows = children_from_cleaned(form.cleaned_data)
        if rows:
            payload["filter"] = {}  # a group of groups has no filter of its own (1.x)
        try:
            with transaction.atomic():
                serializer = validated_serializer(self.spec, request, payload, obj, partial=obj is not None)
                saved = objects_save(
                    serializers=[serializer],
                    model=self.model,
                    action="change" if obj else "add",
                    origin=web_origin(request),
                )[0]
                save_children(saved, rows)
        except WriteRejected as rejected:
            errors = dict(rejected.errors)
            filter_errors = errors.pop("filter", None)
            add_errors(form, errors)
            if filter_errors:
                form.add_error(None, [f"Filter: {e}" for e in filter_errors])
        except WriteConflict as conflict:
            add_errors(form, conflict.errors)
        except WriteForbidden:
            form.add_error(None, "You may not save this object.")
        except ValidationError as error:
            form.add_error(None, [f"Child groups: {m}" for m in error.messages])
        else:
            return self.saved(request, saved, created=obj is None)
        return self.edit_form_page(form, obj)


def _content_type_id(model) -> int:
    return ContentType.objects.get_for_model(model).pk


# Members on the group's page, and the groups of an object ---------------------------------------------------------
def paged(request, queryset, per_page: int = 50):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("members_page") or 1)
    except (PageNotAnInteger, EmptyPage):
        return paginator.page(1)


def members_panel(obj, request) -> dict | None:
    """On a group's page: its members the user may view, as the member model's list table, 50 a page."""
    if not isinstance(obj, DynamicGroup) or obj.model is None or not has_spec(obj.model):
        return None
    spec = spec_for(obj.model)
    try:
        queryset = allowed(obj.get_queryset(), request.user, "view")
    except ValidationError as exc:
        return {"title": "Members", "html": f'<p class="text-danger m-2">{escape(" ".join(exc.messages))}</p>'}
    columns = defaults.list_columns(spec)
    page = paged(request, table_queryset(spec, queryset, columns).order_by(*(obj.model._meta.ordering or ("pk",))))
    table = table_for(spec, columns=columns, selectable=False)(list(page.object_list), orderable=False)
    html = render_to_string(
        "extras/dynamicgroups/members_panel.html",
        {"table": table, "page": page, "members_url": obj.get_group_members_url()},
        request=request,
    )
    return {"title": f"Members ({page.paginator.count})", "html": html, "wide": True, "flush": True, "id": "members"}


def dynamic_groups_tab(request, pk, spec):
    """The groups an object belongs to (those the user may view)."""
    require(request.user, spec.model, "view")
    obj = get_object_or_404(allowed(spec.model.objects.all(), request.user, "view"), pk=pk)
    groups = []
    if request.user.has_perm("extras.view_dynamicgroup"):
        visible = allowed(DynamicGroup.objects.all(), request.user, "view")
        groups = [(g, object_url(g)) for g in visible.get_for_object(obj, use_cache=True)]
    return render(
        request, "extras/dynamicgroups/object_groups_tab.html", tab_context(request, spec, obj, groups=groups)
    )
