"""The "Config context" tab of devices and virtual machines: the rendered context, the object's local context data
and the contexts that contributed to it, in the order they were merged (by weight, then name).

It renders with `rendered_contexts` (the code behind the API's `config_context`), so the page and the API always
agree; JSON or YAML (`?format=yaml`).
"""

import json

import yaml
from django.apps import apps
from django.shortcuts import get_object_or_404, render

from nautobot.core.views.objects import tab_context
from nautobot.core.views.permissions import allowed, require
from nautobot.core.views.routes import register_detail_tab
from nautobot.core.views.urls import object_url
from nautobot.extras.configcontexts.mixins import ConfigContextModel
from nautobot.extras.configcontexts.models import ConfigContext
from nautobot.extras.configcontexts.rendered import ContextIndex, rendered_config_contexts

FORMATS = ("json", "yaml")


def formatted(data, fmt: str) -> str:
    if fmt == "yaml":
        return yaml.safe_dump(data, sort_keys=False, default_flow_style=False, allow_unicode=True)
    return json.dumps(data, indent=4, sort_keys=False, default=str)


def config_context_tab(request, pk, spec):
    require(request.user, spec.model, "view")
    obj = get_object_or_404(allowed(spec.model.objects.all(), request.user, "view"), pk=pk)
    fmt = request.GET.get("format", "json")
    fmt = fmt if fmt in FORMATS else "json"
    index = ContextIndex()
    rendered = rendered_config_contexts([obj], index)[obj.pk]
    matched = index.matching([obj])[obj.pk]
    by_pk = {c.pk: c for c in ConfigContext.objects.filter(pk__in=matched).select_related("schema")}
    visible = (
        set(allowed(ConfigContext.objects.filter(pk__in=matched), request.user, "view").values_list("pk", flat=True))
        if request.user.has_perm("extras.view_configcontext")
        else set()
    )
    sources = [
        {
            "context": by_pk[pk],
            "url": object_url(by_pk[pk]) if pk in visible else None,
            "text": formatted(by_pk[pk].data, fmt),
        }
        for pk in matched
    ]
    local = obj.local_context_data
    context = tab_context(
        request,
        spec,
        obj,
        format=fmt,
        formats=FORMATS,
        rendered=formatted(rendered, fmt),
        local=formatted(local, fmt) if local is not None else None,
        local_schema=obj.local_context_schema,
        local_owner=obj.local_context_data_owner if obj.local_context_data_owner_object_id else None,
        sources=sources,
    )
    return render(request, "extras/config_context_tab.html", context)


def register_config_context_tab() -> None:
    """On the pages of every model with config contexts (`ConfigContextModel`: devices, virtual machines)."""
    labels = tuple(m._meta.label_lower for m in apps.get_models() if issubclass(m, ConfigContextModel))
    register_detail_tab("Config context", "config-context", config_context_tab, models=labels, first=True)
