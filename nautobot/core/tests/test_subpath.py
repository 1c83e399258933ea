"""Serving under a sub-path behind nginx (`https://host/nautobot/`), as the 1.x HTTP-server guide describes:
nginx's `location /nautobot/ { uwsgi_pass ...; }` in front of `nautobot-server start` (uWSGI's own protocol) and
`FORCE_SCRIPT_NAME = "/nautobot"` (here through `BASE_PATH`, its older name) in nautobot_config.py. Every link,
redirect, static file and API URL carries the prefix."""

import os
import re
import shutil
import subprocess
from urllib.parse import urlparse

import pytest
import requests

from nautobot.core.testing.processes import ADMIN_TOKEN, free_port, sign_in, wait_for

pytestmark = pytest.mark.slow

NGINX_CONF = """\
{user}
worker_processes 1;
daemon off;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {root}/nginx-tmp/body;
    proxy_temp_path {root}/nginx-tmp/proxy;
    fastcgi_temp_path {root}/nginx-tmp/fastcgi;
    uwsgi_temp_path {root}/nginx-tmp/uwsgi;
    scgi_temp_path {root}/nginx-tmp/scgi;
    server {{
        listen 127.0.0.1:{port};
        location /nautobot/static/ {{
            alias {static}/;
        }}
        location /nautobot/ {{
            include /etc/nginx/uwsgi_params;
            uwsgi_pass 127.0.0.1:{uwsgi_port};
        }}
    }}
}}
"""


@pytest.fixture
def nginx_in_front(make_deployment):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert os.path.exists(nginx), "nginx is needed (Debian package nginx-light; scripts/test installs it)"
    deployment = make_deployment("embedded")
    with open(deployment.root / "nautobot_config.py", "a") as config:
        config.write('\nBASE_PATH = "nautobot/"\n')
    deployment.add_superuser("admin", "admin", token=ADMIN_TOKEN)
    deployment.server("collectstatic", "--no-input")
    uwsgi_port = free_port()
    port = next(p for p in iter(free_port, None) if p != uwsgi_port)
    deployment.spawn("start", f"--socket=127.0.0.1:{uwsgi_port}", "--master", "--processes=1", "--die-on-term",
                     log_name="web")  # fmt: skip
    (deployment.root / "nginx-tmp").mkdir()
    conf = deployment.root / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            user="user root;" if os.geteuid() == 0 else "",
            root=deployment.root,
            port=port,
            uwsgi_port=uwsgi_port,
            static=deployment.root / "static",
        )
    )
    log = open(deployment.root / "nginx.log", "ab")
    proxy = subprocess.Popen(
        [nginx, "-c", str(conf), "-p", str(deployment.root)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/nautobot"
    try:
        try:
            wait_for(lambda: requests.get(f"{url}/health/live/", timeout=5).status_code == 200, timeout=90,
                     what="nginx and uWSGI")  # fmt: skip
        except AssertionError as exc:
            logs = [(deployment.root / name).read_text(errors="replace")[-2000:] for name in ("nginx.log", "web.log")]
            raise AssertionError(f"{exc}\nnginx: {logs[0]}\nweb: {logs[1]}") from None
        yield url, deployment
    finally:
        proxy.terminate()
        proxy.wait(timeout=20)


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
