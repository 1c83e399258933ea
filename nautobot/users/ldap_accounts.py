"""Accounts that an LDAP directory manages (django-auth-ldap's `LDAPBackend`, or a subclass of it).

django-auth-ldap creates and updates the local user at each LDAP sign-in; it never looks at that user again
otherwise, so an account removed from `AUTH_LDAP_REQUIRE_GROUP` (or put in `AUTH_LDAP_DENY_GROUP`, or deleted from
the directory) keeps its API tokens and its sessions. Here:

- `note_ldap_user` (django-auth-ldap's `populate_user` signal, sent at each LDAP sign-in that updates the user, and
  when it creates one) records in `User.external_backend` which backend manages the account.
- `deactivate_refused_user` (Django's `user_login_failed`): when a sign-in of such an account fails, the backend
  asks the directory, with its own service account (`AUTH_LDAP_BIND_DN`), whether the account may still sign in
  at all, whatever password was typed. If the directory says no (no longer found, or the group rules refuse it),
  the account is deactivated: its tokens stop working (`TokenAuthentication` refuses inactive users), and its
  local password is made unusable, which ends its sessions. A wrong password alone never deactivates anyone (the directory still accepts the account), nor an
  unreachable directory, nor a local account (`external_backend` empty), nor an account managed by a backend
  that is no longer configured. An administrator reactivates the account (or `AUTH_LDAP_USER_FLAGS_BY_GROUP`'s
  `is_active` group does it at the next sign-in, as django-auth-ldap sets that flag from the directory).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model, load_backend
from django.contrib.auth.signals import user_login_failed

from nautobot.core.maintenance import maintenance_mode

logger = logging.getLogger("nautobot.authentication")


def connect() -> None:
    """Connect the receivers, when django-auth-ldap is installed (the `ldap` extra)."""
    try:
        from django_auth_ldap.backend import populate_user
    except ImportError:
        return
    populate_user.connect(note_ldap_user, dispatch_uid="nautobot.users.note_ldap_user")
    user_login_failed.connect(deactivate_refused_user, dispatch_uid="nautobot.users.deactivate_refused_user")


def backend_path(backend_class: type) -> str:
    return f"{backend_class.__module__}.{backend_class.__qualname__}"


def note_ldap_user(sender: type, user, ldap_user, **kwargs) -> None:
    """`populate_user` receiver: the user is about to be saved by the LDAP backend `sender`."""
    user.external_backend = backend_path(sender)


def deactivate_refused_user(sender, credentials: dict, request=None, **kwargs) -> None:
    """`user_login_failed` receiver: deactivate an LDAP-managed account that its directory no longer accepts."""
    username = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username")
    if not username or maintenance_mode():
        return
    user = get_user_model().objects.filter(username=username, is_active=True).exclude(external_backend="").first()
    if user is None or user.external_backend not in settings.AUTHENTICATION_BACKENDS:
        return
    reason = directory_refusal(load_backend(user.external_backend), username)
    if reason:
        user.is_active = False
        # A new (unusable) password ends the account's sessions: Django checks a hash of it on each request.
        user.set_unusable_password()
        user.save(update_fields=["is_active", "password"])
        logger.warning("LDAP refuses %s (%s): the account is deactivated and its API tokens stop working", user, reason)


def directory_refusal(backend, username: str) -> str:
    """Why the directory of `backend` refuses `username` whatever the password (empty: it does not, or it could not
    be asked). Asks as the service account, as django-auth-ldap does before it checks a password."""
    import ldap  # python-ldap, of the `ldap` extra (this runs only with an LDAP backend configured)
    from django_auth_ldap.backend import _LDAPUser  # its lookup and group rules, so that we ask what it asks

    if backend.settings.BIND_AS_AUTHENTICATING_USER:
        return ""  # the directory can only be asked with the user's own password
    ldap_user = _LDAPUser(backend, username=backend.django_to_ldap_username(username))
    try:
        ldap_user.connection  # noqa: B018  (binds as the service account: an unreachable directory is no answer)
        if ldap_user.attrs is None:
            return "not found in the directory"
        ldap_user._check_requirements()
    except _LDAPUser.AuthenticationFailed as refusal:
        return str(refusal)
    except ldap.LDAPError as error:
        logger.warning("Could not ask the directory whether %s may still sign in: %s", username, error)
    return ""
