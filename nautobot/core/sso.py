"""Single sign-on through social-auth (social-auth-app-django), configured as in 1.x, plus groups from the provider.

1.x: a provider is on when its backend is in `AUTHENTICATION_BACKENDS` (`SOCIAL_AUTH_BACKEND_PREFIX`, e.g.
`social_core.backends.open_id_connect.OpenIdConnectAuth`) with its `SOCIAL_AUTH_<NAME>_*` settings; `/login/<name>/`
starts the sign-in and `/complete/<name>/` is where the provider sends the user back. The login page shows a
"Continue with ..." button per provider (`providers()`); 1.x showed one, for the first backend only.

Beyond 1.x, `sync_groups` (last step of our default `SOCIAL_AUTH_PIPELINE`) puts users in groups named by the
provider, configured with social-auth settings (each may also be given per provider, `SOCIAL_AUTH_OIDC_GROUPS_CLAIM`):
- `SOCIAL_AUTH_GROUPS_CLAIM`: the claim (OIDC: ID token or userinfo) or SAML attribute holding the group names; a
  dotted path reaches into nested claims (`realm_access.roles`). Unset: groups are left alone, as 1.x.
- `SOCIAL_AUTH_GROUPS_FILTER`: shell-style patterns (`["nautobot-*", "netops"]`) of the names to take; others are
  ignored, so an organisation's hundreds of groups do not all become groups here. Unset: every name.
- `SOCIAL_AUTH_SUPERUSER_GROUPS`, `SOCIAL_AUTH_STAFF_GROUPS`: names of the provider's groups that make a user
  superuser / staff; when set, the flag follows the membership at every sign-in.
Groups are created when missing. A group the provider gave at an earlier sign-in and no longer names is taken away;
groups given here (by an administrator, or `EXTERNAL_AUTH_DEFAULT_GROUPS`) are never touched: what the provider gave
is remembered in the user's social-auth record (`extra_data["nautobot_groups"]`).
"""

import fnmatch
import functools
import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.module_loading import import_string

logger = logging.getLogger("nautobot.authentication")

# Button labels of the providers whose name says little; others show their backend's name.
LABELS = {
    "oidc": "OpenID Connect",
    "google-oauth2": "Google",
    "azuread-oauth2": "Microsoft",
    "azuread-tenant-oauth2": "Microsoft",
    "okta-oauth2": "Okta",
    "okta-openidconnect": "Okta",
}


@functools.cache
def _social_backends(paths: tuple[str, ...]) -> tuple[type, ...]:
    from social_core.backends.base import BaseAuth

    found = []
    for path in paths:
        try:
            backend = import_string(path)
        except ImportError:
            continue  # Django reports a backend that does not import when it is used
        if isinstance(backend, type) and issubclass(backend, BaseAuth):
            found.append(backend)
    return tuple(found)


def providers() -> list[dict[str, str]]:
    """The login page's buttons: `{"name", "label", "url"}` per social-auth backend of `AUTHENTICATION_BACKENDS`;
    `SOCIAL_AUTH_<NAME>_LABEL` names one ("Continue with <label>"); SAML has one per entry of
    `SOCIAL_AUTH_SAML_ENABLED_IDPS`. Each is a POST form carrying `next`."""
    buttons = []
    for backend in _social_backends(tuple(settings.AUTHENTICATION_BACKENDS)):
        label = getattr(settings, f"SOCIAL_AUTH_{backend.name.upper().replace('-', '_')}_LABEL", None)
        url = reverse("social:begin", args=[backend.name])
        if backend.name == "saml":  # a button per identity provider, labelled by its entry's "label" or its name
            for idp, conf in (getattr(settings, "SOCIAL_AUTH_SAML_ENABLED_IDPS", None) or {}).items():
                name = (conf.get("label") if isinstance(conf, dict) else None) or idp
                buttons.append({"name": f"saml-{idp}", "label": name, "url": f"{url}?{urlencode({'idp': idp})}"})
            continue
        buttons.append({"name": backend.name, "label": label or LABELS.get(backend.name, backend.name), "url": url})
    return buttons


def claims_of(backend, response: Any) -> dict:
    """What the provider said about the user: the ID token's claims under the userinfo answer (OIDC), or the SAML
    attributes."""
    claims: dict = {}
    if isinstance(getattr(backend, "id_token", None), dict):
        claims.update(backend.id_token)
    if isinstance(response, dict):
        attributes = response.get("attributes")
        claims.update(attributes if isinstance(attributes, dict) else response)
    return claims


def group_names(claims: dict, path: str) -> list[str]:
    """The names at `path` (dotted) in `claims`: a list of names, or one name, or nothing."""
    value: Any = claims
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return []
        value = value[key]
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value if isinstance(item, (str, int)) and str(item)]
    return []


def sync_groups(backend, user=None, response=None, social=None, *args, **kwargs) -> None:
    """Pipeline step: groups and flags from the provider's claims (see the module docstring)."""
    claim = backend.setting("GROUPS_CLAIM")
    if user is None or not claim:
        return
    names = group_names(claims_of(backend, response), claim)
    patterns = backend.setting("GROUPS_FILTER")
    wanted = sorted({name for name in names if not patterns or any(fnmatch.fnmatchcase(name, p) for p in patterns)})
    record = social  # the user's social-auth record (None in a pipeline without social_user/associate_user)
    previous = set((record.extra_data or {}).get("nautobot_groups", [])) if record is not None else set()
    groups = [Group.objects.get_or_create(name=name)[0] for name in wanted]
    if groups:
        user.groups.add(*groups)
    dropped = previous - set(wanted)
    if dropped:
        user.groups.remove(*Group.objects.filter(name__in=dropped))
    if record is not None:
        record.extra_data = {**(record.extra_data or {}), "nautobot_groups": wanted}
        record.save(update_fields=["extra_data"])
    changed = []
    for flag, setting in (("is_superuser", "SUPERUSER_GROUPS"), ("is_staff", "STAFF_GROUPS")):
        granting = backend.setting(setting)
        if granting is not None and getattr(user, flag) != bool(set(names) & set(granting)):
            setattr(user, flag, not getattr(user, flag))
            changed.append(flag)
    if changed:
        user.save(update_fields=changed)
    logger.info(
        "Groups of %s from %s: %s%s", user, backend.name, wanted, f" ({', '.join(changed)} changed)" if changed else ""
    )
