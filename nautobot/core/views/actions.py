"""Object actions: a button on a model's detail page that POSTs to `<object url><name>/` (redeliver, sync, ...).

An app registers one from its `AppConfig.ready()`:

    register_object_action(WebhookDelivery, "redeliver", "Redeliver", permission="add", handler=redeliver_view)

and gets, for that model's detail pages, a route named `<model>_<name>` and a button shown only to users
who may take the action on that object. The route answers POST only (405 otherwise; Django's CSRF check
applies), 403 without the model permission, 404 when object permissions hide the object. `handler(request,
obj)` does the work and returns an `HttpResponse`, or None to go back to the object's page; it reports
what happened with `django.contrib.messages`.
"""

from collections.abc import Callable

from django.db import models
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse

from nautobot.core.registry import ObjectAction, registry
from nautobot.core.permissions import permission_name
from nautobot.core.views.permissions import allowed, require
from nautobot.core.views.urls import object_url, url_name


def register_object_action(
    model: type[models.Model],
    name: str,
    label: str,
    *,
    permission: str,
    handler: Callable,
    style: str = "primary",
    confirm: str = "",
    available: Callable | None = None,
) -> ObjectAction:
    """Add an action (a POST route and its button) to `model`'s detail page; see the module docstring.

    A typed entry point to `registry.object_actions`."""
    action = ObjectAction(model, name, label, permission, handler, style, confirm, available)
    return registry.object_actions.register(action)


def actions_of(model: type[models.Model]) -> list[ObjectAction]:
    return [action for action in registry.object_actions if action.model is model]


def object_action_view(request, pk, spec, action: ObjectAction):
    """POST only: check permissions, run the handler, go back to the object (or where the handler says)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(request.user, spec.model, action.permission)
    obj = get_object_or_404(allowed(spec.model.objects.all(), request.user, action.permission), pk=pk)
    response = action.handler(request, obj)
    if response is not None:
        return response
    return HttpResponseRedirect(object_url(obj))


def buttons_for(spec, obj, user) -> list[dict]:
    """The action buttons of `obj`'s detail page that `user` may use: label, url, style, id, confirm."""
    buttons = []
    for action in actions_of(spec.model):
        if action.available is not None and not action.available(obj):
            continue
        if not user.has_perm(permission_name(spec.model, action.permission)):
            continue
        if not allowed(spec.model.objects.filter(pk=obj.pk), user, action.permission).exists():
            continue
        buttons.append(
            {
                "label": action.label,
                "url": reverse(f"{url_name(spec, 'detail')}_{action.name}", kwargs={"pk": obj.pk}),
                "style": action.style,
                "id": f"{action.name}-button",
                "confirm": action.confirm,
            }
        )
    return buttons
