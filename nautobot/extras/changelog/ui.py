"""The change log in the web UI: an object change's page shows the object's data as a diff against its previous
change, with links to the object (while it exists) and to the other changes of the same request; every detail
page has a "Change log" tab, and the home page the latest changes."""

import json

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.views import View
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django_tables2 import RequestConfig

from nautobot.core.specs import spec_for
from nautobot.core.tables import table_for, table_queryset
from nautobot.core.views.objects import tabs_for
from nautobot.core.views.permissions import allowed, require
from nautobot.core.views.urls import object_url, spec_url
from nautobot.extras.changelog.models import ObjectChange
from nautobot.extras.changelog.selectors import NOISE, data_after, data_before


def shown(value) -> tuple[str, bool]:
    """The text of one value of an object's data, and whether it is long (shown preformatted)."""
    if value is None:
        return "—", False
    if value == "":
        return "(empty)", False
    if isinstance(value, dict) and set(value) >= {"value", "label"} and len(value) == 2:
        return str(value["label"]), False  # a choice
    if isinstance(value, dict) and "display" in value:
        return str(value["display"]), False  # a related object's brief form
    if isinstance(value, (dict, list)):
        if not value:
            return "[]" if isinstance(value, list) else "{}", False
        if isinstance(value, list) and all(isinstance(v, dict) and "display" in v for v in value):
            return ", ".join(str(v["display"]) for v in value), False  # tags, content types, ...
        return json.dumps(value, indent=2, sort_keys=True, default=str), True
    return str(value), False


def diff_rows(before: dict | None, after: dict | None) -> list[dict]:
    """One row per key of either side, in the object's own key order: before, after, and whether it changed."""
    before, after = before or {}, after or {}
    keys = list(after) + [k for k in before if k not in after]
    rows = []
    for key in keys:
        if key in ("url", "display"):
            continue
        old, new = before.get(key), after.get(key)
        old_text, old_long = shown(old) if key in before else ("", False)
        new_text, new_long = shown(new) if key in after else ("", False)
        rows.append(
            {
                "key": key,
                "before": old_text,
                "after": new_text,
                "long": old_long or new_long,
                "changed": key not in NOISE and (key not in before or key not in after or old != new),
            }
        )
    return rows


def changes_panel(obj, request) -> dict | None:
    if not isinstance(obj, ObjectChange):
        return None
    before, after = data_before(obj), data_after(obj)
    rows = diff_rows(before, after)
    target = obj.changed_object
    context = {
        "change": obj,
        "changed": [r for r in rows if r["changed"]],
        "unchanged": [r for r in rows if not r["changed"]],
        "has_before": before is not None,
        "has_after": after is not None,
        "object_url": object_url(target) if target is not None else None,
        "request_url": f"{spec_url(spec_for(ObjectChange))}?request_id={obj.request_id}",
    }
    html = render_to_string("extras/objectchange_diff.html", context, request=request)
    return {"title": "Changes", "html": html, "wide": True, "id": "change-diff", "flush": True}


def changelog_tab(request, pk, spec):
    """The "Change log" tab of every detail page: changes of the object and of its components, newest first."""
    require(request.user, spec.model, "view")
    obj = get_object_or_404(allowed(spec.model.objects.all(), request.user, "view"), pk=pk)
    change_spec = spec_for(ObjectChange)
    content_type = ContentType.objects.get_for_model(spec.model)
    changes = ObjectChange.objects.filter(
        Q(changed_object_type=content_type, changed_object_id=pk)
        | Q(related_object_type=content_type, related_object_id=pk)
    )
    visible = allowed(changes, request.user, "view")
    table = table_for(change_spec, selectable=False)(table_queryset(change_spec, visible), orderable=False)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    context = {"object": obj, "table": table, "spec": spec, "tabs": tabs_for(spec, obj), "object_url": object_url(obj)}
    context.update(model_name_plural=spec.model._meta.verbose_name_plural, urls={"list": spec_url(spec)})
    return render(request, "nautobot/generic/object_changelog.html", context)


def recent_changes_panel(request) -> dict | None:
    """The home page's latest changes the user may see."""
    if not request.user.has_perm("extras.view_objectchange"):
        return None
    change_spec = spec_for(ObjectChange)
    latest = allowed(ObjectChange.objects.all(), request.user, "view")[:10]
    table = table_for(change_spec, selectable=False)(
        table_queryset(change_spec, ObjectChange.objects.filter(pk__in=list(latest.values_list("pk", flat=True)))),
        orderable=False,
    )
    return {"title": "Recent changes", "html": render_table_html(table, request)}


def render_table_html(table, request) -> str:
    return render_to_string(
        "django_tables2/bootstrap5-responsive.html", {"table": table, "request": request}, request=request
    )


class ObjectChangeLogView(View):
    """1.x: the change log of an object at an app's own URL (`kwargs={"model": Widget}` in its `path()`)."""

    base_template = None

    def get(self, request, model, **kwargs):
        obj = get_object_or_404(allowed(model.objects.all(), request.user, "view"), **kwargs)
        return changelog_tab(request, obj.pk, spec_for(model))
