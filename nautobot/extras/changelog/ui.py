"""The change log in the web UI: an object change's page shows the object's data as a diff against its previous
change, with links to the object (while it exists) and to the other changes of the same request."""

import json

from django.template.loader import render_to_string

from nautobot.core.registry import Panel, registry
from nautobot.core.views.routes import object_url, spec_url
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
    from nautobot.core.specs import spec_for

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


def register() -> None:
    """Show a change's diff on its page (called from `ExtrasConfig.ready`)."""
    registry.detail_panels.register(Panel(changes_panel))
