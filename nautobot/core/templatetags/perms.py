"""1.x's `perms` template library: `user|can_view:obj`, `can_add`, `can_change`, `can_delete` (object permissions)."""

from django import template

register = template.Library()


def _check(user, instance, action: str) -> bool:
    meta = instance._meta
    return bool(
        user
        and user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}", instance if hasattr(instance, "pk") else None)
    )


@register.filter
def can_view(user, instance):
    return _check(user, instance, "view")


@register.filter
def can_add(user, instance):
    return _check(user, instance, "add")


@register.filter
def can_change(user, instance):
    return _check(user, instance, "change")


@register.filter
def can_delete(user, instance):
    return _check(user, instance, "delete")
