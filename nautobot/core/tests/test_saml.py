"""SAML single sign-on as 1.x configures it (social-auth's SAMLAuth, python3-saml) against a real SAML identity
provider on loopback (pysaml2, `nautobot.core.testing.saml_idp`): the button per identity provider, the round trip
through the provider's own login page with a signed response, the user made with the groups of a SAML attribute."""

import pytest
import requests
from django.contrib.auth.models import Group
from django.test import Client

from nautobot.core.testing.saml_idp import SamlIdentityProvider, pem_body, posted_form, self_signed
from nautobot.users.models import User

pytestmark = pytest.mark.django_db
ACS = "http://localhost/complete/saml/"  # python3-saml refuses a host name without a dot, but localhost
SP_KEY, SP_CERT = self_signed("nautobot-sp")


@pytest.fixture(scope="module")
def idp(tmp_path_factory):
    provider = SamlIdentityProvider(
        tmp_path_factory.mktemp("saml"), sp_entity_id="http://localhost/saml", acs_url=ACS, sp_cert_pem=SP_CERT
    )
    provider.users["carol"] = (
        "carol-pass",
        {
            "uid": ["carol"],
            "mail": ["carol@example.com"],
            "givenName": ["Carol"],
            "sn": ["Saml"],
            "memberOf": ["nautobot-netops", "finance"],
        },
    )
    with provider:
        yield provider


@pytest.fixture
def saml(settings, idp):
    settings.AUTHENTICATION_BACKENDS = [
        "social_core.backends.saml.SAMLAuth",
        "nautobot.core.authentication.ObjectPermissionBackend",
    ]
    settings.SOCIAL_AUTH_SAML_SP_ENTITY_ID = "http://localhost/saml"
    settings.SOCIAL_AUTH_SAML_SP_PUBLIC_CERT = pem_body(SP_CERT)
    settings.SOCIAL_AUTH_SAML_SP_PRIVATE_KEY = pem_body(SP_KEY)
    settings.SOCIAL_AUTH_SAML_ORG_INFO = {
        "en-US": {"name": "netops", "displayname": "NetOps", "url": "http://localhost"}
    }
    settings.SOCIAL_AUTH_SAML_TECHNICAL_CONTACT = {"givenName": "NetOps", "emailAddress": "netops@example.com"}
    settings.SOCIAL_AUTH_SAML_SUPPORT_CONTACT = {"givenName": "Help desk", "emailAddress": "help@example.com"}
    settings.SOCIAL_AUTH_SAML_ENABLED_IDPS = {
        "corp": idp.enabled_idp(
            label="Corporate login",
            attr_user_permanent_id="uid",
            attr_username="uid",
            attr_email="mail",
            attr_first_name="givenName",
            attr_last_name="sn",
        )
    }
    settings.SOCIAL_AUTH_SAML_GROUPS_CLAIM = "memberOf"
    settings.SOCIAL_AUTH_GROUPS_FILTER = ["nautobot-*"]
    return settings


def start(client: Client) -> tuple[requests.Session, dict]:
    """Click the provider's button; return the browser, at the provider's login page, and that form's fields."""
    page = client.get("/login/").content.decode()
    assert '<form method="post" action="/login/saml/?idp=corp">' in page and "Continue with Corporate login" in page
    begun = client.post("/login/saml/?idp=corp", {"next": "/dcim/sites/"})
    assert begun.status_code == 302 and "/sso?SAMLRequest=" in begun["Location"], begun.content[:500]
    browser = requests.Session()
    _action, hidden = posted_form(browser.get(begun["Location"], timeout=30).text)
    return browser, hidden


def at_the_provider(browser: requests.Session, idp, hidden: dict, username: str, password: str) -> str:
    """Sign in on the provider's own form; return the page it answers."""
    form = {"SAMLRequest": hidden["SAMLRequest"], "RelayState": hidden["RelayState"]}
    return browser.post(f"{idp.url}/login", {**form, "username": username, "password": password}, timeout=30).text


def back_to_us(client: Client, page: str):
    """Post the provider's signed response to our assertion consumer service, as the browser does."""
    action, fields = posted_form(page)
    assert action == ACS, page[:1000]
    back = client.post("/complete/saml/", fields)
    if back.status_code == 200:  # social-auth's own re-post, so that the session cookie goes along
        _action, fields = posted_form(back.content.decode())
        back = client.post("/complete/saml/", fields)
    return back


def test_signing_in_through_the_saml_provider(saml, idp):
    client = Client(HTTP_HOST="localhost")
    browser, hidden = start(client)
    done = back_to_us(client, at_the_provider(browser, idp, hidden, "carol", "carol-pass"))
    assert done.status_code == 302 and done["Location"] == "/dcim/sites/", done.content[:1000]
    assert client.get("/").status_code == 200  # signed in (the sites themselves need a permission)
    carol = User.objects.get(username="carol")
    assert (carol.email, carol.first_name, carol.last_name) == ("carol@example.com", "Carol", "Saml")
    assert [g.name for g in carol.groups.all()] == ["nautobot-netops"]
    assert not Group.objects.filter(name="finance").exists()


def test_a_wrong_password_stays_at_the_provider(saml, idp):
    browser, hidden = start(Client(HTTP_HOST="localhost"))
    page = at_the_provider(browser, idp, hidden, "carol", "wrong")
    assert "Wrong username or password." in page and "SAMLResponse" not in page
    assert not User.objects.filter(username="carol").exists()


def test_a_forged_response_is_refused(saml, idp):
    """A response that the configured provider certificate does not verify signs nobody in."""
    client = Client(HTTP_HOST="localhost")
    browser, hidden = start(client)
    _key, other_cert = self_signed("someone-else")
    corp = saml.SOCIAL_AUTH_SAML_ENABLED_IDPS["corp"]
    saml.SOCIAL_AUTH_SAML_ENABLED_IDPS = {"corp": {**corp, "x509cert": pem_body(other_cert)}}
    back = back_to_us(client, at_the_provider(browser, idp, hidden, "carol", "carol-pass"))
    assert back.status_code == 302 and back["Location"].startswith("/login/")
    assert not User.objects.filter(username="carol").exists()
