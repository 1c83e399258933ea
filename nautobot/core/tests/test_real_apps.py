"""Real Nautobot 1.x apps from PyPI, installed and run the way a user does (issue 16's acceptance test).

`nautobot-bgp-models` 0.9.1 and `nautobot-capacity-metrics` 2.1.1 are installed from PyPI with `pip install
--no-deps` (their only other requirement, prometheus_client, is one of ours), added to `PLUGINS` of a real
installation (PostgreSQL, Redis), migrated by `post_upgrade`, served by `start` (uWSGI) with a Celery worker,
and driven over HTTP: their API with the payloads of their own 1.x test suite, their UI pages as a logged-in
user, the BGP app's device-page extension and interface/IP address filter extensions, and the capacity app's
Prometheus endpoint. The packages go into a directory on the processes' PYTHONPATH rather than into the test
venv, so that no other test sees them. The own test suites of the BGP app and of `nautobot-data-validation-engine`
2.2.0 (installed beside them, no other requirement) then run on ours (`nautobot-server test <app>`): each of their
tests that passes on the original 1.6.32 must pass.
"""

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import requests

from nautobot.core.testing.processes import ADMIN_TOKEN

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("real_apps")]

APPS = ("nautobot-bgp-models==0.9.1", "nautobot-capacity-metrics==2.1.1", "nautobot-data-validation-engine==2.2.0")
HEADERS = {"Authorization": f"Token {ADMIN_TOKEN}", "Accept": "application/json"}


@pytest.fixture(scope="module")
def app_packages(tmp_path_factory):
    target = tmp_path_factory.mktemp("apps")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), *APPS],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return target


@pytest.fixture
def installation(make_deployment, app_packages):
    deployment = make_deployment("postgres-redis", migrate=False, from_copy=True)
    deployment.env["PYTHONPATH"] = f"{deployment.env['PYTHONPATH']}:{app_packages}"
    with open(deployment.root / "nautobot_config.py", "a") as config:
        config.write('\nPLUGINS = ["nautobot_bgp_models", "nautobot_capacity_metrics"]\n')
    migrated = deployment.server("post_upgrade", "--no-collectstatic")
    assert "nautobot_bgp_models" in migrated.stdout + migrated.stderr
    deployment.add_superuser("admin", "admin", token=ADMIN_TOKEN)
    url = deployment.start_web(processes=2, threads=2)
    deployment.start_worker()
    return deployment, url


class Session(requests.Session):
    """A requests session that opens a connection per request.

    uWSGI's HTTP router closes an idle keep-alive connection after its keep-alive timeout; on a loaded machine
    a reused connection can be closed just as the next request goes out ('Remote end closed connection
    without response'), which is not what this test is about (noted for the reliability work).
    """

    def request(self, *args, **kwargs):
        try:
            return super().request(*args, **kwargs)
        finally:
            self.close()  # drops the pooled connections; the session (cookies, headers) stays usable


class Client:
    def __init__(self, url):
        self.url = url
        self.session = Session()
        self.session.headers.update(HEADERS)

    def get(self, path, **params):
        response = self.session.get(f"{self.url}{path}", params=params, timeout=60)
        assert response.status_code == 200, f"GET {path}: {response.status_code} {response.text[:2000]}"
        return response.json()

    def post(self, path, data):
        response = self.session.post(f"{self.url}{path}", json=data, timeout=60)
        assert response.status_code == 201, f"POST {path} {data}: {response.status_code} {response.text[:2000]}"
        return response.json()

    def first(self, path, **params):
        return self.get(path, **params)["results"][0]


def _device(api):
    """A device with an interface and an IP address on it, through the core API."""
    site = api.post("/api/dcim/sites/", {"name": "Site 1", "slug": "site-1", "status": "active"})
    manufacturer = api.post("/api/dcim/manufacturers/", {"name": "Vendor", "slug": "vendor"})
    device_type = api.post(
        "/api/dcim/device-types/", {"manufacturer": manufacturer["id"], "model": "Router", "slug": "router"}
    )
    role = api.post("/api/dcim/device-roles/", {"name": "Edge", "slug": "edge", "color": "ff0000"})
    device = api.post(
        "/api/dcim/devices/",
        {
            "name": "edge-1",
            "site": site["id"],
            "device_type": device_type["id"],
            "device_role": role["id"],
            "status": "active",
        },
    )
    interface = api.post("/api/dcim/interfaces/", {"device": device["id"], "name": "eth0", "type": "1000base-t"})
    address = api.post(
        "/api/ipam/ip-addresses/",
        {
            "address": "192.0.2.1/24",
            "status": "active",
            "assigned_object_type": "dcim.interface",
            "assigned_object_id": interface["id"],
        },
    )
    return device, interface, address


def test_bgp_and_capacity_apps_run_unchanged(installation):
    deployment, url = installation
    api = Client(url)

    # The apps are installed and listed as the original lists them.
    installed = {app["package"]: app for app in api.get("/api/plugins/installed-plugins/")}
    assert installed["nautobot_bgp_models"]["version"] == "0.9.1"
    assert "nautobot_capacity_metrics" in installed

    # Every endpoint of the BGP app's API root answers.
    root = api.get("/api/plugins/bgp/")
    assert {"autonomous-systems", "routing-instances", "peering-roles", "peer-groups", "peerings"} <= set(root)
    for endpoint in root.values():
        assert api.session.get(endpoint, timeout=60).status_code == 200, endpoint

    # Writes with the payloads of the app's own 1.x test suite.
    device, interface, address = _device(api)
    asn = api.post("/api/plugins/bgp/autonomous-systems/", {"asn": 64496, "status": "active"})
    assert asn["asn"] == 64496 and asn["status"]["value"] == "active"
    assert asn["url"].endswith(f"/api/plugins/bgp/autonomous-systems/{asn['id']}/")
    role = api.post("/api/plugins/bgp/peering-roles/", {"name": "Role 1", "slug": "role-1", "color": "ff0000"})
    instance = api.post(
        "/api/plugins/bgp/routing-instances/",
        {"device": device["id"], "autonomous_system": asn["id"], "status": "active", "router_id": address["id"]},
    )
    assert instance["device"]["id"] == device["id"]
    group = api.post(
        "/api/plugins/bgp/peer-groups/",
        {"name": "Group 1", "routing_instance": instance["id"], "role": role["id"], "enabled": True},
    )
    peering = api.post("/api/plugins/bgp/peerings/", {"status": "active"})
    endpoint = api.post(
        "/api/plugins/bgp/peer-endpoints/",
        {
            "peering": peering["id"],
            "source_ip": address["id"],
            "routing_instance": instance["id"],
            "peer_group": group["id"],
        },
    )
    assert endpoint["peering"]["id"] == peering["id"]
    remote = api.post(
        "/api/ipam/ip-addresses/",
        {
            "address": "192.0.2.2/24",
            "status": "active",
            "assigned_object_type": "dcim.interface",
            "assigned_object_id": interface["id"],
        },
    )
    api.post(
        "/api/plugins/bgp/peer-endpoints/",
        {"peering": peering["id"], "source_ip": remote["id"], "routing_instance": instance["id"]},
    )
    brief = api.get(f"/api/plugins/bgp/autonomous-systems/{asn['id']}/", brief="true")
    assert set(brief) == {"asn", "display", "id", "url"}

    # The writes are change-logged like the core's.
    changes = api.get("/api/extras/object-changes/", changed_object_id=asn["id"])
    assert changes["count"] == 1 and changes["results"][0]["action"]["value"] == "create"

    # The filter extensions: interfaces and IP addresses by routing instance.
    found = api.get("/api/dcim/interfaces/", nautobot_bgp_models_interfaces_bgp_routing_instance=instance["id"])
    assert [i["id"] for i in found["results"]] == [interface["id"]]
    found = api.get("/api/ipam/ip-addresses/", nautobot_bgp_models_ips_bgp_routing_instance=instance["id"])
    assert {i["id"] for i in found["results"]} == {address["id"], remote["id"]}

    # The UI, logged in: list, detail and add pages, and an add form that saves.
    browser = Session()
    login = browser.get(f"{url}/login/", timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    browser.post(
        f"{url}/login/",
        data={"username": "admin", "password": "admin", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{url}/login/"},
        timeout=60,
    )
    for path in (
        "/plugins/bgp/autonomous-systems/",
        f"/plugins/bgp/autonomous-systems/{asn['id']}/",
        "/plugins/bgp/autonomous-systems/add/",
        "/plugins/bgp/routing-instances/",
        f"/plugins/bgp/routing-instances/{instance['id']}/",
        "/plugins/bgp/peer-groups/",
        f"/plugins/bgp/peer-groups/{group['id']}/",
        "/plugins/bgp/peerings/",
        f"/plugins/bgp/peerings/{peering['id']}/",
        "/plugins/bgp/peering-roles/",
    ):
        page = browser.get(f"{url}{path}", timeout=60)
        assert page.status_code == 200, f"{path}: {page.status_code} {page.text[:3000]}"
    add = browser.get(f"{url}/plugins/bgp/peering-roles/add/", timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', add.text).group(1)
    saved = browser.post(
        f"{url}/plugins/bgp/peering-roles/add/",
        data={"name": "From the form", "slug": "from-the-form", "color": "00ff00", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{url}/plugins/bgp/peering-roles/add/"},
        timeout=60,
    )
    assert saved.status_code == 200, saved.text[:3000]
    assert api.get("/api/plugins/bgp/peering-roles/", slug="from-the-form")["count"] == 1
    # The app routes peering roles by slug: the saved role's page, its buttons and tabs are keyed by slug.
    role_page = "/plugins/bgp/peering-roles/from-the-form/"
    assert saved.url == f"{url}{role_page}"
    for link in (f"{role_page}edit/", f"{role_page}delete/", f"{role_page}notes/", f"{role_page}changelog/"):
        assert f'href="{link}' in saved.text, link
    # 1.x's Advanced tab; the app's extra-attributes tab page overrides `content` and keeps the header and tabs.
    assert f'href="{role_page}#advanced"' in saved.text
    instance_page = f"/plugins/bgp/routing-instances/{instance['id']}/"
    extra = browser.get(f"{url}{instance_page}extra-attributes/", timeout=60)
    assert extra.status_code == 200 and "Rendered BGP Extra Attributes" in extra.text, extra.text[:3000]
    assert f'href="{instance_page}#advanced"' in extra.text

    # The device page shows the app's extension (its routing instances).
    page = browser.get(f"{url}/dcim/devices/{device['id']}/", timeout=60)
    assert page.status_code == 200
    assert "BGP Routing Instances" in page.text and str(asn["asn"]) in page.text

    # The capacity app's Prometheus endpoint, with real figures.
    metrics = requests.get(f"{url}/api/plugins/capacity-metrics/app-metrics", headers=HEADERS, timeout=60)
    assert metrics.status_code == 200 and metrics.headers["Content-Type"].startswith("text/plain")
    assert re.search(r'nautobot_model_count\{app="dcim",name="Device"\} 1\.0', metrics.text), metrics.text[:3000]


# The apps' own test suites ------------------------------------------------------------------------------------
REAL_APPS = Path(__file__).parent / "real_apps"
# (module, file listing the tests that pass on the original 1.6.32, how many)
OWN_SUITES = (
    ("nautobot_bgp_models", "nautobot_bgp_models-0.9.1.passing-on-1.6.32.txt", 556),
    ("nautobot_data_validation_engine", "nautobot_data_validation_engine-2.2.0.passing-on-1.6.32.txt", 358),
)
TEST_ID = re.compile(r"^(\w+) \(([\w.]+)\)")
RESULT = re.compile(r"(?:^| \.\.\. )(ok|FAIL|ERROR|skipped.*|expected failure|unexpected success)$")


def unittest_results(output: str) -> dict[str, str]:
    """`{test id: ok | FAIL | ERROR | skipped}` from the output of Django's test runner at verbosity 2 (a test's
    result may follow its docstring, or a log line, on the next line)."""
    results: dict[str, str] = {}
    current = None
    for line in output.splitlines():
        named = TEST_ID.match(line)
        if named:
            current = named.group(2)
        result = RESULT.search(line)
        if result and current and current not in results:
            if " ... " in line or line.strip() in ("ok", "FAIL", "ERROR") or line.startswith("skipped"):
                results[current] = result.group(1).split()[0]
    return results


@pytest.mark.parametrize(("module", "passing", "count"), OWN_SUITES, ids=[suite[0] for suite in OWN_SUITES])
def test_an_apps_own_suite_passes_where_the_original_passes(make_deployment, app_packages, module, passing, count):
    """`nautobot-server test <app>`, the app's own 1.x test suite (it ships in the wheel), on ours: every test that
    passes on the original Nautobot 1.6.32 (the committed list, from running it there) passes."""
    deployment = make_deployment("postgres-redis", migrate=False)
    deployment.env["PYTHONPATH"] = f"{deployment.env['PYTHONPATH']}:{app_packages}"
    with open(deployment.root / "nautobot_config.py", "a") as config:
        config.write(f"\nPLUGINS = [{module!r}]\n")
    run = deployment.server("test", "-v", "2", "--noinput", module, timeout=1800, check=False)
    output = run.stdout + run.stderr
    results = unittest_results(output)
    expected = [line for line in (REAL_APPS / passing).read_text().splitlines() if line and line[0] != "#"]
    summary = re.findall(r"^(Ran \d+ tests.*|FAILED \(.*\)|OK.*)$", output, re.M)
    print(f"{module} on ours: {summary}; results: {sorted(Counter(results.values()).items())}")
    assert len(expected) == count
    not_passing = {name: results.get(name, "not run") for name in expected if results.get(name) != "ok"}
    assert not not_passing, f"{summary}\n{not_passing}\n{output[-8000:]}"
