"""API authentication: `Authorization: Token <key>`, and HTTP basic auth where 1.x takes it (provisioning tokens)."""

from django.contrib.auth.signals import user_logged_in
from rest_framework import authentication, exceptions

from nautobot.core import audit, fastpath, login_limits
from nautobot.users.models import Token

# Runs on every API request: compiled once on the fast path (the ORM spent more time building this query than
# the database spent answering it).
token_by_key = fastpath.Lookup(lambda key: Token.objects.select_related("user").filter(key=key))


class TokenAuthentication(authentication.BaseAuthentication):
    """Token auth with the original's messages; expired tokens and inactive users are refused."""

    keyword = "token"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.encode():
            return None
        if len(parts) == 1:
            raise exceptions.AuthenticationFailed("Invalid token header. No credentials provided.")
        if len(parts) > 2:
            raise exceptions.AuthenticationFailed("Invalid token header. Token string should not contain spaces.")
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(
                "Invalid token header. Token string should not contain invalid characters."
            ) from None
        token = token_by_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid token")
        if token.is_expired:
            raise exceptions.AuthenticationFailed("Token expired")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("User inactive")
        audit.token_used(token, request)
        return token.user, token


class BasicAuthentication(authentication.BasicAuthentication):
    """HTTP basic auth through every configured backend (LDAP too), as 1.x takes it on `/api/users/tokens/`
    (`curl -u user:password -X POST .../api/users/tokens/`). A successful check is a sign-in: `user_logged_in` is
    sent as the login page sends it, so the login time is recorded and a first external sign-in gets
    EXTERNAL_AUTH_DEFAULT_GROUPS/PERMISSIONS (`nautobot.core.authentication.note_login`) here too. An attempt refused
    by the failed-login limit (`nautobot.core.login_limits`) answers 429 with the limit's message and Retry-After
    instead of 401."""

    def authenticate_credentials(self, userid, password, request=None):
        try:
            user, auth = super().authenticate_credentials(userid, password, request)
        except exceptions.AuthenticationFailed:
            seconds = getattr(request, "login_refused_for", 0)
            if not seconds:
                raise
            refused = exceptions.Throttled(detail=login_limits.message(seconds))
            refused.wait = seconds
            raise refused from None
        user_logged_in.send(sender=type(user), request=getattr(request, "_request", request), user=user)
        return user, auth
