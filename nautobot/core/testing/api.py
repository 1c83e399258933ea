"""API test support: a token-authenticated client and the registry of per-model API cases.

Each app declares, in `<app>/tests/api_cases.py`, how to build a valid create payload for each of
its models (`register_case`). The contract suite (`nautobot/core/tests/test_api_contract.py`)
walks every spec and runs the same checks on each; a spec without a case fails that suite.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.test import Client


@dataclass
class APICase:
    model: type[models.Model]
    create: Callable[[], dict]
    update: Callable[[], dict] | None = None
    read_only: bool = False
    skip_bulk: bool = False
    notes: dict = field(default_factory=dict)
    # Read-only models (made by the system: job results, webhook deliveries): a factory of one saved
    # object, for suites that need instances of every model (the web UI's).
    sample: Callable[[], models.Model] | None = None


CASES: dict[type[models.Model], APICase] = {}


def signed_in(user) -> Client:
    """A Django test client with a session of `user` (the web UI as that user)."""
    client = Client()
    client.force_login(user)
    return client


def register_case(model: type[models.Model], create: Callable[[], dict], **kwargs) -> None:
    CASES[model] = APICase(model, create, **kwargs)


class TokenClient:
    """Django test client that sends `Authorization: Token <key>` and JSON, like pynautobot."""

    def __init__(self, token_key: str | None, version: str | None = None) -> None:
        self.client = Client()
        self.headers = {}
        if token_key:
            self.headers["HTTP_AUTHORIZATION"] = f"Token {token_key}"
        if version:
            self.headers["HTTP_ACCEPT"] = f"application/json; version={version}"

    def get(self, path: str, **params):
        return self.client.get(path, params, **self.headers)

    def options(self, path: str):
        return self.client.options(path, **self.headers)

    def _send(self, method: str, path: str, data) -> object:
        return getattr(self.client, method)(
            path, data=json.dumps(data), content_type="application/json", **self.headers
        )

    def post(self, path: str, data):
        return self._send("post", path, data)

    def put(self, path: str, data):
        return self._send("put", path, data)

    def patch(self, path: str, data):
        return self._send("patch", path, data)

    def delete(self, path: str, data=None):
        if data is None:
            return self.client.delete(path, **self.headers)
        return self._send("delete", path, data)
