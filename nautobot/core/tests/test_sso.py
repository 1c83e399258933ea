"""Single sign-on with OpenID Connect, as 1.x configures it (social-auth), against a real provider on loopback
(`nautobot.core.testing.oidc`): the login page's button, the round trip through the provider's own login page,
the user created with the groups the provider names (`SOCIAL_AUTH_GROUPS_*`), and a refused sign-in."""

import re
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth.models import Group
from django.test import Client

from nautobot.core.testing.oidc import OidcProvider
from nautobot.users.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def idp(tmp_path_factory):
    with OidcProvider(tmp_path_factory.mktemp("oidc")) as provider:
        provider.add_user(
            "alice", "alice-pass", groups=["nautobot-netops", "nautobot-admins", "payroll"], email="alice@example.com"
        )
        provider.add_user("bob", "bob-pass", groups=["payroll"], email="bob@example.com")
        provider.add_client("nautobot", "nautobot-secret", redirect_uris=["http://testserver/complete/oidc/"])
        yield provider


@pytest.fixture
def oidc(settings, idp):
    idp.configure(settings)
    settings.SOCIAL_AUTH_SUPERUSER_GROUPS = ["nautobot-admins"]
    settings.EXTERNAL_AUTH_DEFAULT_GROUPS = ["readers"]
    Group.objects.create(name="readers")
    return settings


def through_the_provider(location: str, username: str, password: str) -> str:
    """Sign in on the provider's own login page, as a browser would, and return where it sends the user back (our
    /complete/oidc/ URL on `testserver`)."""
    browser = requests.Session()
    while not location.startswith("http://testserver/"):
        answer = browser.get(location, allow_redirects=False, timeout=30)
        if answer.status_code == 200 and 'name="password"' in answer.text:  # the provider's login page
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.text).group(1)
            form = {"csrfmiddlewaretoken": token, "username": username, "password": password}
            form["next"] = re.search(r'name="next" value="([^"]*)"', answer.text).group(1).replace("&amp;", "&")
            answer = browser.post(answer.url, form, headers={"Referer": answer.url}, allow_redirects=False, timeout=30)
            assert answer.status_code == 302, "the provider refused the sign-in"
        assert answer.status_code == 302, (answer.status_code, answer.text[:500])
        location = requests.compat.urljoin(answer.url, answer.headers["Location"])
    return location


def sign_in(client: Client, username: str, password: str):
    login_page = client.get("/login/").content.decode()
    assert '<form method="post" action="/login/oidc/">' in login_page and "Continue with OpenID Connect" in login_page
    start = client.post("/login/oidc/")  # the button
    assert start.status_code == 302 and start["Location"].startswith("http://127.0.0.1:")
    back = urlsplit(through_the_provider(start["Location"], username, password))
    return client.get(f"{back.path}?{back.query}")


def test_signing_in_through_the_provider_makes_the_user_with_the_groups_it_names(oidc):
    client = Client()
    done = sign_in(client, "alice", "alice-pass")
    assert done.status_code == 302 and done["Location"] == "/", done.content[:500]
    assert client.get("/").status_code == 200  # signed in
    alice = User.objects.get(username="alice")
    assert alice.email == "alice@example.com" and alice.is_superuser
    # The provider's groups that pass the filter, plus the default group of a first external sign-in.
    assert sorted(alice.groups.values_list("name", flat=True)) == ["nautobot-admins", "nautobot-netops", "readers"]
    assert not Group.objects.filter(name="payroll").exists()


def test_the_groups_follow_the_provider_at_the_next_sign_in(oidc, idp):
    sign_in(Client(), "alice", "alice-pass")
    alice = User.objects.get(username="alice")
    alice.groups.add(Group.objects.create(name="given-here"))
    idp.set_groups("alice", ["nautobot-netops", "payroll"])
    try:
        assert sign_in(Client(), "alice", "alice-pass").status_code == 302
    finally:
        idp.set_groups("alice", ["nautobot-netops", "nautobot-admins", "payroll"])
    alice.refresh_from_db()
    assert not alice.is_superuser
    # The provider's nautobot-admins is gone; what was given here stays.
    assert sorted(alice.groups.values_list("name", flat=True)) == ["given-here", "nautobot-netops", "readers"]


def test_groups_from_a_nested_claim_of_the_id_token(oidc):
    oidc.SOCIAL_AUTH_OIDC_GROUPS_CLAIM = "nautobot.roles"  # per provider, over SOCIAL_AUTH_GROUPS_CLAIM
    oidc.SOCIAL_AUTH_OIDC_SCOPE = []  # no `groups` scope: userinfo has no groups, the ID token has them nested
    sign_in(Client(), "alice", "alice-pass")
    names = sorted(User.objects.get(username="alice").groups.values_list("name", flat=True))
    assert names == ["nautobot-admins", "nautobot-netops", "readers"]


def test_a_user_the_provider_gives_no_group_gets_only_the_defaults(oidc):
    sign_in(Client(), "bob", "bob-pass")
    bob = User.objects.get(username="bob")
    assert [g.name for g in bob.groups.all()] == ["readers"] and not bob.is_superuser


def test_a_refused_sign_in_comes_back_to_the_login_page_with_the_reason(oidc):
    client = Client()
    start = client.post("/login/oidc/")
    state = re.search(r"state=([^&]+)", start["Location"]).group(1)
    refused = client.get("/complete/oidc/", {"error": "access_denied", "error_description": "Denied", "state": state})
    assert refused.status_code == 302 and refused["Location"].startswith("/login/")
    page = client.get(refused["Location"]).content.decode()
    assert "Authentication process canceled" in page, page[:3000]  # social-auth's message, as a page alert
    assert not User.objects.filter(username="alice").exists()


def test_a_1x_link_that_starts_on_get_goes_to_the_login_page(oidc):
    answer = Client().get("/login/oidc/", {"next": "/dcim/sites/"})
    assert answer.status_code == 302 and answer["Location"] == "/login/?next=%2Fdcim%2Fsites%2F"


def test_without_a_provider_the_login_page_has_no_button(settings):
    settings.AUTHENTICATION_BACKENDS = ["nautobot.core.authentication.ObjectPermissionBackend"]
    assert "Continue with" not in Client().get("/login/").content.decode()


def mark_step(user=None, **kwargs) -> None:
    """A step of a site's own SOCIAL_AUTH_PIPELINE, as 1.x's SSO guide shows them."""
    if user is not None:
        user.last_name = "from-the-site-pipeline"
        user.save(update_fields=["last_name"])


def test_a_site_pipeline_replaces_ours(oidc):
    from social_core.pipeline import DEFAULT_AUTH_PIPELINE

    oidc.SOCIAL_AUTH_PIPELINE = (*DEFAULT_AUTH_PIPELINE, "nautobot.core.tests.test_sso.mark_step")
    sign_in(Client(), "bob", "bob-pass")
    bob = User.objects.get(username="bob")
    assert bob.last_name == "from-the-site-pipeline"
    assert [g.name for g in bob.groups.all()] == ["readers"]  # defaults still apply; no group sync in that pipeline


# The OAuth2 providers 1.6's SSO guide configures start at their own authorization page with the configured client.
PROVIDERS = {
    "google-oauth2": (
        "social_core.backends.google.GoogleOAuth2",
        {
            "SOCIAL_AUTH_GOOGLE_OAUTH2_KEY": "g-key",
            "SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET": "g-secret",
            "SOCIAL_AUTH_GOOGLE_OAUTH2_SCOPE": ["https://www.googleapis.com/auth/admin.directory.group.readonly"],
        },
        "https://accounts.google.com/o/oauth2/auth?",
        ["client_id=g-key", "admin.directory.group.readonly"],
    ),
    "azuread-oauth2": (
        "social_core.backends.azuread.AzureADOAuth2",
        {"SOCIAL_AUTH_AZUREAD_OAUTH2_KEY": "az-key", "SOCIAL_AUTH_AZUREAD_OAUTH2_SECRET": "az-secret"},
        "https://login.microsoftonline.com/common/oauth2/authorize?",
        ["client_id=az-key"],
    ),
    "azuread-tenant-oauth2": (
        "social_core.backends.azuread_tenant.AzureADTenantOAuth2",
        {
            "SOCIAL_AUTH_AZUREAD_TENANT_OAUTH2_KEY": "azt-key",
            "SOCIAL_AUTH_AZUREAD_TENANT_OAUTH2_SECRET": "s",
            "SOCIAL_AUTH_AZUREAD_TENANT_OAUTH2_TENANT_ID": "contoso-tenant",
        },
        "https://login.microsoftonline.com/contoso-tenant/oauth2/",
        ["client_id=azt-key"],
    ),
    "okta-oauth2": (
        "social_core.backends.okta.OktaOAuth2",
        {
            "SOCIAL_AUTH_OKTA_OAUTH2_KEY": "okta-key",
            "SOCIAL_AUTH_OKTA_OAUTH2_SECRET": "s",
            "SOCIAL_AUTH_OKTA_OAUTH2_API_URL": "https://example.okta.com/oauth2",
            "SOCIAL_AUTH_OKTA_OAUTH2_SCOPE": ["groups"],
        },
        "https://example.okta.com/oauth2/v1/authorize?",
        ["client_id=okta-key", "groups"],
    ),
}


@pytest.mark.parametrize("name", PROVIDERS)
def test_oauth2_providers_start_at_their_authorization_page(settings, name):
    path, configured, start, parts = PROVIDERS[name]
    settings.AUTHENTICATION_BACKENDS = [path, "nautobot.core.authentication.ObjectPermissionBackend"]
    for setting, value in configured.items():
        setattr(settings, setting, value)
    client = Client()
    assert f'action="/login/{name}/"' in client.get("/login/").content.decode()
    answer = client.post(f"/login/{name}/")
    assert answer.status_code == 302 and answer["Location"].startswith(start), answer.get("Location")
    assert all(part in answer["Location"] for part in parts), answer["Location"]


def test_okta_openid_connect_starts_at_its_authorization_page(settings, idp):
    # Okta's OpenID Connect backend also reads the discovery document at its API URL: the local provider's.
    settings.AUTHENTICATION_BACKENDS = ["social_core.backends.okta_openidconnect.OktaOpenIdConnect"]
    settings.SOCIAL_AUTH_OKTA_OPENIDCONNECT_KEY = "nautobot"
    settings.SOCIAL_AUTH_OKTA_OPENIDCONNECT_SECRET = "nautobot-secret"
    settings.SOCIAL_AUTH_OKTA_OPENIDCONNECT_API_URL = idp.issuer
    settings.SOCIAL_AUTH_OKTA_OPENIDCONNECT_SCOPE = ["groups"]
    answer = Client().post("/login/okta-openidconnect/")
    assert answer.status_code == 302 and answer["Location"].startswith(f"{idp.issuer}/v1/authorize?"), answer.get(
        "Location"
    )
    assert "client_id=nautobot" in answer["Location"] and "groups" in answer["Location"]
