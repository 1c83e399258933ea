"""The account pages on a live installation (uWSGI with two processes, sessions in files as
`NAUTOBOT_SESSION_FILE_PATH` keeps them): a session signed out on the Sessions page is signed out whichever process
serves it next, and a changed password works in a new sign-in while the old one does not."""

import re

import pytest
import requests

from nautobot.core.testing.processes import csrf_token, sign_in

pytestmark = pytest.mark.slow


def _signed_in(browser: requests.Session, url: str) -> bool:
    return browser.get(f"{url}/user/profile/", allow_redirects=False, timeout=30).status_code == 200


def _post(browser: requests.Session, url: str, form_page: str, action: str, data: dict) -> requests.Response:
    data = {**data, "csrfmiddlewaretoken": csrf_token(browser, f"{url}{form_page}")}
    return browser.post(f"{url}{action}", data, headers={"Referer": f"{url}{form_page}"}, allow_redirects=False)


def test_sessions_and_password_on_a_live_installation(make_deployment, tmp_path):
    deployment = make_deployment("embedded")
    deployment.env["NAUTOBOT_SESSION_FILE_PATH"] = str(tmp_path / "sessions")
    deployment.add_superuser("dana", "first-secret-1")
    url = deployment.start_web(processes=2, threads=1)
    desk = sign_in(url, "dana", "first-secret-1")[0]
    phone = sign_in(url, "dana", "first-secret-1")[0]
    assert _signed_in(phone, url)
    assert len(list((tmp_path / "sessions").iterdir())) == 2  # the file engine holds them

    page = desk.get(f"{url}/user/sessions/", timeout=30).text
    rows = dict(re.findall(r'<tr data-session="([^"]+)">(.*?)</tr>', page, re.DOTALL))
    assert len(rows) == 2 and sum("this session" in row for row in rows.values()) == 1
    other = next(pk for pk, row in rows.items() if "this session" not in row)
    answer = _post(desk, url, "/user/sessions/", f"/user/sessions/{other}/revoke/", {})
    assert answer.status_code == 302
    for _ in range(4):  # whichever process answers
        assert not _signed_in(phone, url)
        assert _signed_in(desk, url)

    changed = _post(
        desk,
        url,
        "/user/password/",
        "/user/password/",
        {"old_password": "first-secret-1", "new_password1": "second-Secret-2", "new_password2": "second-Secret-2"},
    )
    assert changed.status_code == 302, changed.text[-2000:]
    assert all(_signed_in(desk, url) for _ in range(4))
    with pytest.raises(AssertionError):
        sign_in(url, "dana", "first-secret-1")
    assert _signed_in(sign_in(url, "dana", "second-Secret-2")[0], url)
