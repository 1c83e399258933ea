"""A real OpenID Connect provider on loopback for the sign-in tests: `OidcProvider` runs the small Django project
of `nautobot.core.testing.oidc_provider` (django-oidc-provider) in a process of its own, with its own SQLite
database under `workdir`, and registers users (with groups) and clients in it.

    with OidcProvider(tmp_path) as idp:
        idp.add_user("alice", "alice-pass", groups=["netops"])
        idp.add_client("nautobot", "secret", redirect_uris=["http://testserver/complete/oidc/"])
        settings.SOCIAL_AUTH_OIDC_OIDC_ENDPOINT = idp.issuer
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import requests

from nautobot.core.testing.processes import SOURCE_ROOT, free_port, wait_for


class OidcProvider:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    @property
    def issuer(self) -> str:
        return f"{self.url}/openid"

    @property
    def environ(self) -> dict[str, str]:
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("NAUTOBOT_", "DJANGO_"))}
        paths = [p for p in clean.get("PYTHONPATH", "").split(os.pathsep) if p]
        return {
            **clean,
            "DJANGO_SETTINGS_MODULE": "nautobot.core.testing.oidc_provider.settings",
            "OIDC_TEST_ROOT": str(self.workdir),
            "OIDC_TEST_SITE_URL": self.url,
            "PYTHONPATH": os.pathsep.join([SOURCE_ROOT, *paths]),
        }

    def django(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "django", *args], env=self.environ, capture_output=True, text=True, timeout=120
        )
        if result.returncode != 0:
            raise AssertionError(f"test OpenID provider: django {args[0]} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def shell(self, code: str) -> str:
        return self.django("shell", "-c", code)

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.django("migrate", "--no-input", "-v", "0")
        self.django("creatersakey")
        log = open(self.workdir / "provider.log", "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            env=self.environ,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        discovery = f"{self.issuer}/.well-known/openid-configuration"
        wait_for(lambda: requests.get(discovery, timeout=5).ok, timeout=60, what="the test OpenID provider")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None

    def __enter__(self) -> "OidcProvider":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def add_user(self, username: str, password: str, *, groups: list[str] = (), email: str = "") -> None:
        spec = json.dumps({"username": username, "password": password, "groups": list(groups), "email": email})
        self.shell(
            "import json\n"
            "from django.contrib.auth.models import Group, User\n"
            f"spec = json.loads({spec!r})\n"
            "user = User.objects.create_user(spec['username'], spec['email'], spec['password'])\n"
            "user.groups.set([Group.objects.get_or_create(name=name)[0] for name in spec['groups']])\n"
        )

    def set_groups(self, username: str, groups: list[str]) -> None:
        self.shell(
            "from django.contrib.auth.models import Group, User\n"
            f"User.objects.get(username={username!r}).groups.set("
            f"[Group.objects.get_or_create(name=name)[0] for name in {list(groups)!r}])\n"
        )

    def configure(self, settings, client_id: str = "nautobot", secret: str = "nautobot-secret") -> None:
        """Make `settings` (pytest-django's fixture) sign in through this provider as 1.x's SSO guide configures
        OpenID Connect, with the groups of its `groups` claim that start with "nautobot-"."""
        settings.AUTHENTICATION_BACKENDS = [
            "social_core.backends.open_id_connect.OpenIdConnectAuth",
            "nautobot.core.authentication.ObjectPermissionBackend",
        ]
        settings.SOCIAL_AUTH_OIDC_OIDC_ENDPOINT = self.issuer
        settings.SOCIAL_AUTH_OIDC_KEY = client_id
        settings.SOCIAL_AUTH_OIDC_SECRET = secret
        settings.SOCIAL_AUTH_OIDC_SCOPE = ["groups"]
        settings.SOCIAL_AUTH_GROUPS_CLAIM = "groups"
        settings.SOCIAL_AUTH_GROUPS_FILTER = ["nautobot-*"]

    def add_client(self, client_id: str, secret: str, *, redirect_uris: list[str]) -> None:
        self.shell(
            "from oidc_provider.models import Client, ResponseType\n"
            f"client = Client.objects.create(name={client_id!r}, client_id={client_id!r}, client_secret={secret!r},"
            " client_type='confidential', jwt_alg='RS256', require_consent=False)\n"
            f"client.redirect_uris = {list(redirect_uris)!r}\n"
            "client.scope = ['openid', 'profile', 'email', 'groups']\n"
            "client.save()\n"
            "client.response_types.set([ResponseType.objects.get(value='code')])\n"
        )
