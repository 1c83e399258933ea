"""`MAINTENANCE_MODE` on a live installation (uWSGI, PostgreSQL, Redis) whose database really is read-only
(`default_transaction_read_only`, as on a replica or during a maintenance window): the web service starts, reads
work, writes are refused with 503 and the message, signed-in users stay signed in and others can sign in; after
the window everything is as it was and nobody was signed out."""

import psycopg
import pytest
import requests

from nautobot.core.middleware import MAINTENANCE_MESSAGE
from nautobot.core.testing.processes import ADMIN_TOKEN, PG, csrf_token, sign_in

pytestmark = pytest.mark.slow
API = {"Authorization": f"Token {ADMIN_TOKEN}", "Accept": "application/json"}


def _read_only(database: str, on: bool) -> None:
    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
        if on:
            conn.execute(f'ALTER DATABASE "{database}" SET default_transaction_read_only = on')
        else:
            conn.execute(f'ALTER DATABASE "{database}" RESET default_transaction_read_only')


def _login(url: str, username: str, password: str) -> requests.Session:
    return sign_in(url, username, password)[0]


def _signed_in(browser: requests.Session, url: str) -> bool:
    return browser.get(f"{url}/tenancy/tenants/", allow_redirects=False, timeout=30).status_code == 200


def test_a_live_installation_on_a_read_only_database(make_deployment):
    deployment = make_deployment("postgres-redis")
    database = deployment.env["NAUTOBOT_DB_NAME"]
    deployment.add_superuser("admin", "admin", token=ADMIN_TOKEN)
    deployment.add_superuser("operator", "operator")
    deployment.shell("from nautobot.tenancy.models import Tenant\nTenant.objects.create(name='Kept', slug='kept')")
    url = deployment.start_web(processes=1, threads=2)
    before = _login(url, "admin", "admin")  # a session made before the window
    deployment.stop_all()

    _read_only(database, True)
    try:
        write = "from nautobot.tenancy.models import Tenant\nTenant.objects.create(name='No', slug='no')"
        refused = deployment.server("nbshell", "-c", write, check=False)
        assert "read-only transaction" in refused.stderr  # the database really is read-only
        deployment.env["NAUTOBOT_MAINTENANCE_MODE"] = "true"
        url = deployment.start_web(processes=1, threads=2)
        # Reads: the API with a token, pages with the session made before; every page has the banner.
        listed = requests.get(f"{url}/api/tenancy/tenants/", headers=API, timeout=30)
        assert listed.status_code == 200 and [t["name"] for t in listed.json()["results"]] == ["Kept"]
        page = before.get(f"{url}/tenancy/tenants/", timeout=30)
        assert page.status_code == 200 and "Kept" in page.text and 'id="maintenance-mode-banner"' in page.text
        query = requests.post(f"{url}/api/graphql/", json={"query": "{ tenants { name } }"}, headers=API, timeout=30)
        assert query.status_code == 200 and query.json()["data"]["tenants"] == [{"name": "Kept"}]
        # Writes: refused with 503 and the message, through the API and the UI.
        created = requests.post(f"{url}/api/tenancy/tenants/", json={"name": "New", "slug": "new"}, headers=API)
        assert created.status_code == 503 and created.json() == {"detail": MAINTENANCE_MESSAGE}
        token = csrf_token(before, f"{url}/tenancy/tenants/add/")
        form = before.post(f"{url}/tenancy/tenants/add/", {"name": "New", "csrfmiddlewaretoken": token}, timeout=30)
        assert form.status_code == 503 and MAINTENANCE_MESSAGE in form.text
        # Another user signs in during the window, and out again.
        during = _login(url, "operator", "operator")
        assert _signed_in(during, url)
        leaving = _login(url, "operator", "operator")
        token = csrf_token(leaving, f"{url}/tenancy/tenants/")
        assert leaving.post(f"{url}/logout/", {"csrfmiddlewaretoken": token}, allow_redirects=False).status_code == 302
        assert not _signed_in(leaving, url)
        deployment.stop_all()
    finally:
        _read_only(database, False)

    # After the window: nothing changed, and both sessions still sign their users in.
    deployment.env.pop("NAUTOBOT_MAINTENANCE_MODE")
    url = deployment.start_web(processes=1, threads=2)
    assert _signed_in(before, url) and _signed_in(during, url)
    listed = requests.get(f"{url}/api/tenancy/tenants/", headers=API, timeout=30).json()
    assert [t["name"] for t in listed["results"]] == ["Kept"]
    assert 'id="maintenance-mode-banner"' not in before.get(f"{url}/tenancy/tenants/", timeout=30).text
