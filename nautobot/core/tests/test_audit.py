"""Audit lines of sign-in (`nautobot.audit.auth`): logins, failed logins, a token used from a new address."""

import logging

import pytest
from django.test import Client

from nautobot.core import audit
from nautobot.users.models import Token, User

pytestmark = pytest.mark.django_db
LOGGER = "nautobot.audit.auth"


def lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER]


def test_a_login_and_a_failed_login_each_give_one_line(caplog):
    User.objects.create_user("audited", password="right-pass")
    with caplog.at_level(logging.INFO, logger=LOGGER):
        Client(REMOTE_ADDR="192.0.2.10").post("/login/", {"username": "audited", "password": "wrong-pass"})
        Client(REMOTE_ADDR="192.0.2.11").post("/login/", {"username": "audited", "password": "right-pass"})
    assert lines(caplog) == [
        "login failed user=audited address=192.0.2.10",
        "login user=audited backend=nautobot.core.authentication.ObjectPermissionBackend address=192.0.2.11",
    ]
    assert not any("pass" in line for line in lines(caplog))  # no password, right or wrong


def test_a_token_gives_a_line_per_new_address_only(caplog):
    user = User.objects.create_user("token-user")
    token = Token.objects.create(user=user)
    audit._seen.clear()
    headers = {"HTTP_AUTHORIZATION": f"Token {token.key}", "HTTP_ACCEPT": "application/json"}
    with caplog.at_level(logging.INFO, logger=LOGGER):
        for address in ("198.51.100.1", "198.51.100.1", "198.51.100.2", "198.51.100.1"):
            Client(REMOTE_ADDR=address).get("/api/tenancy/tenants/", **headers)
        audit._seen.clear()  # another process, which has not seen them: the shared cache knows them
        Client(REMOTE_ADDR="198.51.100.2").get("/api/tenancy/tenants/", **headers)
    assert lines(caplog) == [
        f"token used from a new address user=token-user token={token.pk} address=198.51.100.1",
        f"token used from a new address user=token-user token={token.pk} address=198.51.100.2",
    ]
    assert token.key not in caplog.text
