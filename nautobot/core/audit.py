"""Audit lines of sign-in, one per event on the `nautobot.audit.auth` logger, for whoever watches the logs (a SIEM):
- each login (page, single sign-on, remote-user header, API basic auth): who, through which backend, from where;
- each failed login: the name tried and from where (WARNING), and whether the failed-login limit refused it;
- each API token used from an address it was not used from before (within `TOKEN_ADDRESS_MEMORY`): whose token
  (its id, never its key) and the address.
Addresses are the client's, behind trusted proxies too (`core.proxies.client_address`). A token's addresses are
remembered in the default cache, shared by the service's processes, so each new address gives one line whichever
process sees it; each process also remembers the pairs it has seen, so a token's usual requests cost no cache read.
"""

import hashlib
import logging
import threading

from django.core.cache import cache

from nautobot.core.proxies import client_address

logger = logging.getLogger("nautobot.audit.auth")

TOKEN_ADDRESS_MEMORY = 30 * 24 * 3600  # seconds an address stays known for a token
_SEEN_LIMIT = 10_000
_seen: set[tuple[str, str]] = set()
_lock = threading.Lock()


def on_logged_in(sender, request=None, user=None, **kwargs) -> None:
    """`user_logged_in` receiver."""
    if user is None:
        return
    backend = getattr(user, "backend", None) or ""
    logger.info("login user=%s backend=%s address=%s", user.get_username(), backend, client_address(request))


def on_login_failed(sender, credentials: dict, request=None, **kwargs) -> None:
    """`user_login_failed` receiver (Django leaves the password out of `credentials`)."""
    refused = " refused=rate-limit" if getattr(request, "login_refused_for", 0) else ""
    logger.warning(
        "login failed user=%s address=%s%s", credentials.get("username", ""), client_address(request), refused
    )


def token_used(token, request) -> None:
    """After an API request authenticated by `token`: a line when it comes from an address new for the token."""
    address = client_address(request)
    pair = (str(token.pk), address)
    if pair in _seen:
        return
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    if cache.add(f"nautobot:audit:token-address:{token.pk}:{digest}", 1, timeout=TOKEN_ADDRESS_MEMORY):
        logger.info(
            "token used from a new address user=%s token=%s address=%s", token.user.get_username(), token.pk, address
        )
    with _lock:
        if len(_seen) >= _SEEN_LIMIT:
            _seen.clear()
        _seen.add(pair)
