"""Serving under a sub-path behind nginx (`https://host/nautobot/`), as the 1.x HTTP-server guide describes:
nginx's `location /nautobot/ { uwsgi_pass ...; }` in front of `nautobot-server start` (uWSGI's own protocol) and
`FORCE_SCRIPT_NAME = "/nautobot"` (here through `BASE_PATH`, its older name) in nautobot_config.py. Every link,
redirect, static file and API URL carries the prefix."""

import re
from urllib.parse import urlparse

import pytest
import requests

from nautobot.core.testing.processes import ADMIN_TOKEN, free_port, nginx, sign_in, wait_for

pytestmark = pytest.mark.slow

LOCATIONS = """\
        location /nautobot/static/ {{
            alias {static}/;
        }}
        location /nautobot/ {{
            include /etc/nginx/uwsgi_params;
            uwsgi_pass 127.0.0.1:{uwsgi_port};
        }}"""


@pytest.fixture
def nginx_in_front(make_deployment):
    deployment = make_deployment("embedded")
    with open(deployment.root / "nautobot_config.py", "a") as config:
        config.write('\nBASE_PATH = "nautobot/"\n')
    deployment.add_superuser("admin", "admin", token=ADMIN_TOKEN)
    deployment.server("collectstatic", "--no-input")
    uwsgi_port = free_port()
    deployment.spawn("start", f"--socket=127.0.0.1:{uwsgi_port}", "--master", "--processes=1", "--die-on-term",
                     log_name="web")  # fmt: skip
    server = LOCATIONS.format(static=deployment.root / "static", uwsgi_port=uwsgi_port)
    with nginx(deployment.root, server) as port:
        url = f"http://127.0.0.1:{port}/nautobot"
        try:
            wait_for(lambda: requests.get(f"{url}/health/live/", timeout=5).status_code == 200, timeout=90,
                     what="nginx and uWSGI")  # fmt: skip
        except AssertionError as exc:
            logs = [(deployment.root / name).read_text(errors="replace")[-2000:] for name in ("nginx.log", "web.log")]
            raise AssertionError(f"{exc}\nnginx: {logs[0]}\nweb: {logs[1]}") from None
        yield url, deployment


def test_under_a_sub_path_behind_nginx(nginx_in_front):
    url, deployment = nginx_in_front
    anonymous = requests.get(f"{url}/dcim/sites/", allow_redirects=False, timeout=30)
    assert (
        anonymous.status_code == 302 and anonymous.headers["Location"] == "/nautobot/login/?next=/nautobot/dcim/sites/"
    )
    browser, answer = sign_in(url, "admin", "admin", next_url="/nautobot/dcim/sites/")
    assert answer.headers["Location"] == "/nautobot/dcim/sites/"
    home = browser.get(f"{url}/", timeout=30)
    assert home.status_code == 200
    links = re.findall(r'(?:href|action|src)="(/[^"]*)"', home.text)
    assert links and all(link.startswith("/nautobot/") for link in links), [
        link for link in links if not link.startswith("/nautobot/")
    ]
    assert 'href="/nautobot/dcim/sites/"' in home.text and 'action="/nautobot/logout/"' in home.text
    stylesheet = re.search(r'href="(/nautobot/static/[^"]+\.css)"', home.text).group(1)
    assert browser.get(f"http://127.0.0.1:{url.split(':')[2].split('/')[0]}{stylesheet}", timeout=30).status_code == 200
    api = requests.get(
        f"{url}/api/", headers={"Authorization": f"Token {ADMIN_TOKEN}", "Accept": "application/json"}, timeout=30
    )
    # (Debian's uwsgi_params pass `$host`, without the port: compare the paths)
    assert api.status_code == 200 and urlparse(api.json()["dcim"]).path == "/nautobot/api/dcim/"
    created = requests.post(
        f"{url}/api/tenancy/tenants/",
        json={"name": "Sub-path", "slug": "sub-path"},
        headers={"Authorization": f"Token {ADMIN_TOKEN}", "Accept": "application/json"},
        timeout=30,
    )
    assert created.status_code == 201
    assert urlparse(created.json()["url"]).path == f"/nautobot/api/tenancy/tenants/{created.json()['id']}/"
    page = browser.get(f"{url}/tenancy/tenants/{created.json()['id']}/", timeout=30)
    assert page.status_code == 200 and "Sub-path" in page.text
    logout = browser.post(f"{url}/logout/", {"csrfmiddlewaretoken": browser.cookies["csrftoken"]},
                          headers={"Referer": f"{url}/"}, allow_redirects=False, timeout=30)  # fmt: skip
    assert logout.status_code == 302 and logout.headers["Location"] == "/nautobot/login/"
