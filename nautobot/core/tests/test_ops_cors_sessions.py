"""1.x's CORS settings (django-cors-headers: `CORS_ALLOWED_ORIGINS`, `CORS_ALLOWED_ORIGIN_REGEXES`,
`CORS_ALLOW_ALL_ORIGINS`, `NAUTOBOT_CORS_ALLOW_ALL_ORIGINS`) and file sessions (`SESSION_FILE_PATH`,
`NAUTOBOT_SESSION_FILE_PATH`, `SESSION_ENGINE`)."""

import pytest
from django.test import Client

from nautobot.core.config import ConfigError
from nautobot.core.testing.processes import load_config_file

ORIGIN = "https://tools.example.com"


def _preflight(client: Client, origin: str):
    return client.options(
        "/api/dcim/sites/",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )


@pytest.mark.django_db
def test_no_origin_is_allowed_by_default(api):
    answer = api.client.get("/api/dcim/sites/", HTTP_ORIGIN=ORIGIN, **api.headers)
    assert answer.status_code == 200 and "access-control-allow-origin" not in answer.headers
    assert "access-control-allow-origin" not in _preflight(Client(), ORIGIN).headers


@pytest.mark.django_db
def test_a_listed_origin_gets_its_preflight_answered_and_its_requests_allowed(settings, api):
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]
    preflight = _preflight(Client(), ORIGIN)  # anonymous: a browser's preflight carries no credentials
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "authorization" in preflight.headers["access-control-allow-headers"]
    answer = api.client.get("/api/dcim/sites/", HTTP_ORIGIN=ORIGIN, **api.headers)
    assert answer.status_code == 200 and answer.headers["access-control-allow-origin"] == ORIGIN
    other = api.client.get("/api/dcim/sites/", HTTP_ORIGIN="https://elsewhere.example.com", **api.headers)
    assert "access-control-allow-origin" not in other.headers


@pytest.mark.django_db
def test_origin_regexes_and_allow_all(settings, api):
    settings.CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://\w+\.example\.com$"]
    assert _preflight(Client(), ORIGIN).headers["access-control-allow-origin"] == ORIGIN
    assert "access-control-allow-origin" not in _preflight(Client(), "https://example.org").headers
    settings.CORS_ALLOW_ALL_ORIGINS = True
    assert _preflight(Client(), "https://example.org").headers["access-control-allow-origin"] == "*"


def test_cors_settings_from_the_environment_and_1x_aliases(tmp_path, monkeypatch):
    assert load_config_file(tmp_path, monkeypatch)["CORS_ALLOW_ALL_ORIGINS"] is False
    assert (
        load_config_file(tmp_path, monkeypatch, NAUTOBOT_CORS_ALLOW_ALL_ORIGINS="true")["CORS_ALLOW_ALL_ORIGINS"]
        is True
    )
    monkeypatch.delenv("NAUTOBOT_CORS_ALLOW_ALL_ORIGINS")
    aliased = load_config_file(
        tmp_path, monkeypatch, f"CORS_ORIGIN_WHITELIST = [{ORIGIN!r}]\nCORS_ORIGIN_ALLOW_ALL = True\n"
    )
    assert aliased["CORS_ALLOWED_ORIGINS"] == [ORIGIN] and aliased["CORS_ALLOW_ALL_ORIGINS"] is True


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("CORS_ALLOWED_ORIGINS = ['tools.example.com']\n", "CORS_ALLOWED_ORIGINS"),
        ("CORS_ALLOWED_ORIGINS = ['https://tools.example.com/api/']\n", "CORS_ALLOWED_ORIGINS"),
        ("CORS_ALLOWED_ORIGINS = 'https://tools.example.com'\n", "CORS_ALLOWED_ORIGINS"),
        ("CORS_ALLOWED_ORIGIN_REGEXES = ['^https://(']\n", "CORS_ALLOWED_ORIGIN_REGEXES"),
        ("CORS_ALLOW_ALL_ORIGINS = 'yes'\n", "CORS_ALLOW_ALL_ORIGINS"),
    ],
)
def test_a_bad_cors_value_stops_in_one_line(tmp_path, monkeypatch, text, named):
    with pytest.raises(ConfigError) as refused:
        load_config_file(tmp_path, monkeypatch, text)
    assert named in str(refused.value) and "\n" not in str(refused.value)
    monkeypatch.setenv("NAUTOBOT_CORS_ALLOW_ALL_ORIGINS", "perhaps")
    with pytest.raises(ConfigError, match="NAUTOBOT_CORS_ALLOW_ALL_ORIGINS"):
        load_config_file(tmp_path, monkeypatch)


def test_session_file_path_moves_sessions_to_files(tmp_path, monkeypatch):
    assert load_config_file(tmp_path, monkeypatch)["SESSION_ENGINE"] == "nautobot.core.sessions"  # the database
    sessions = tmp_path / "sessions"
    settings = load_config_file(tmp_path, monkeypatch, NAUTOBOT_SESSION_FILE_PATH=str(sessions))
    assert settings["SESSION_ENGINE"] == "django.contrib.sessions.backends.file"
    assert settings["SESSION_FILE_PATH"] == str(sessions) and sessions.is_dir()
    # Django's database engine, as 1.x configurations name it, is ours (kept through maintenance mode).
    named = load_config_file(tmp_path, monkeypatch, "SESSION_ENGINE = 'django.contrib.sessions.backends.db'\n")
    assert named["SESSION_ENGINE"] == "nautobot.core.sessions"
    # Another engine named explicitly is kept (SESSION_FILE_PATH then only matters to it).
    cached = load_config_file(tmp_path, monkeypatch, "SESSION_ENGINE = 'django.contrib.sessions.backends.cache'\n")
    assert cached["SESSION_ENGINE"] == "django.contrib.sessions.backends.cache"


def test_a_session_file_path_that_cannot_be_a_directory_stops_in_one_line(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("")
    with pytest.raises(ConfigError) as refused:
        load_config_file(tmp_path, monkeypatch, NAUTOBOT_SESSION_FILE_PATH=str(tmp_path / "a-file" / "sessions"))
    assert "SESSION_FILE_PATH" in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.django_db
def test_file_sessions_keep_users_signed_in(settings, tmp_path, django_user_model):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.file"
    settings.SESSION_FILE_PATH = str(tmp_path)
    django_user_model.objects.create_superuser("filed", "f@example.com", "pw")
    client = Client()
    assert client.post("/login/", {"username": "filed", "password": "pw"}).status_code == 302
    key = client.cookies["sessionid"].value
    assert [p.name for p in tmp_path.iterdir()] == [f"sessionid{key}"]
    assert client.get("/dcim/sites/").status_code == 200  # still signed in, from the file
