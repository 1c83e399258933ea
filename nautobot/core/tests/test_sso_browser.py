"""Single sign-on in a real headless browser: an engineer clicks "Continue with OpenID Connect" on the login page,
signs in on the identity provider's own page (a real OpenID provider on loopback, `nautobot.core.testing.oidc`),
and comes back signed in, with the groups the provider names. Screenshots: `artifacts/ui/sso-01` ... `sso-03`."""

import pytest
from django.contrib.auth.models import Group

from nautobot.core.testing.oidc import OidcProvider
from nautobot.core.tests.test_ui_browser import Page, browser  # noqa: F401  (fixture)
from nautobot.users.models import User

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def idp(tmp_path):
    with OidcProvider(tmp_path / "idp") as provider:
        provider.add_user("erin", "erin-pass", groups=["nautobot-netops", "hr"], email="erin@example.com")
        yield provider


def test_an_engineer_signs_in_through_the_identity_provider(browser, live_server, idp, settings):  # noqa: F811
    idp.add_client("nautobot", "nautobot-secret", redirect_uris=[f"{live_server.url}/complete/oidc/"])
    idp.configure(settings)
    page = Page(browser, live_server.url)
    page.go("/dcim/sites/")  # a page that needs a sign-in
    page.wait("#sso-oidc")
    page.shot("sso-01-login-page")
    page.click("#sso-oidc")
    page.wait("#sign-in", timeout=30)  # the provider's own login page
    assert browser.current_url.startswith(idp.url)
    page.fill("username", "erin")
    page.fill("password", "erin-pass")
    page.shot("sso-02-identity-provider")
    page.click("#sign-in")
    page.wait("#user-menu", timeout=30)  # back, signed in
    assert browser.current_url == f"{live_server.url}/dcim/sites/"
    page.shot("sso-03-signed-in")
    erin = User.objects.get(username="erin")
    assert erin.email == "erin@example.com"
    assert [g.name for g in erin.groups.all()] == ["nautobot-netops"]
    assert not Group.objects.filter(name="hr").exists()
