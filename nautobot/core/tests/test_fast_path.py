"""The fast path (`nautobot.core.fastpath`) and Django's/DRF's plain path give byte-identical API responses.

For every spec, objects are built once (with tags and a custom field value where the model has them), then
the same requests run with `FAST_PATH` on and off: list, filtered list, brief list, detail, brief detail
(the same bytes, and the same number of queries), and writes (create, update, bulk update, a duplicate
create, delete), each rolled back to a savepoint and run at one frozen instant, so that timestamps are equal
and the ids a create generates are the only difference (replaced by a placeholder before comparing).
"""

import datetime
import json
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from nautobot.core import fastpath
from nautobot.core.api.urlbuilding import list_url_name
from nautobot.core.specs import all_specs
from nautobot.core.tests import builders as b
from nautobot.core.testing.api import CASES, TokenClient
from nautobot.users.models import Token

autodiscover_modules("tests.api_cases")
SPECS = [s for s in all_specs() if s.model in CASES and (not CASES[s.model].read_only or CASES[s.model].sample)]
ids = lambda spec: spec.model._meta.label  # noqa: E731
FROZEN = datetime.datetime(2026, 12, 7, 9, 30, 15, 123456, tzinfo=datetime.UTC)
UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(django_user_model):
    user = django_user_model.objects.create_superuser("fast-path", "f@example.com", "pw")
    return TokenClient(Token.objects.create(user=user).key)


def both_ways(request, *, writes=None) -> dict:
    """`{mode: (status, body bytes, query count)}` of `request()` run with the fast path on and off.

    `writes`: the model a write request creates rows of; it runs in a savepoint rolled back afterwards, and
    the primary keys of the rows it created read `<generated>` in its body.
    """
    results = {}
    if writes is None:
        request()  # per-process caches (content types, ...) filled before queries are counted
    for mode in (True, False):
        generated = set()
        with override_settings(FAST_PATH=mode):
            if writes is not None:
                with transaction.atomic():
                    before = {str(pk).encode() for pk in writes.objects.values_list("pk", flat=True)}
                    with CaptureQueriesContext(connection) as queries:
                        response = request()
                    generated = {str(pk).encode() for pk in writes.objects.values_list("pk", flat=True)} - before
                    transaction.set_rollback(True)
            else:
                with CaptureQueriesContext(connection) as queries:
                    response = request()
        results[mode] = (response.status_code, _masked(response.content, generated), len(queries.captured_queries))
    return results


def _masked(body: bytes, generated: set) -> bytes:
    """`body` with each of the `generated` primary keys (UUIDs anywhere, integers as ids and in URLs) masked."""
    masked = UUID.sub(lambda m: b"<generated>" if m.group(0) in generated else m.group(0), body)
    for pk in generated - {m.group(0) for m in UUID.finditer(body)}:  # integer keys
        masked = re.sub(rb'(?<="id":)' + pk + rb"(?=[,}])|(?<=/)" + pk + rb"(?=/)", b"<generated>", masked)
    return masked


def assert_same(results: dict, what: str, *, same_queries: bool) -> None:
    (fast_status, fast_body, fast_queries), (plain_status, plain_body, plain_queries) = results[True], results[False]
    assert fast_status == plain_status, (what, fast_body[:500], plain_body[:500])
    if fast_body != plain_body:
        assert json.loads(fast_body) == json.loads(plain_body), what  # shows the difference
        pytest.fail(f"{what}: the same data, in other bytes (key order or formatting)")
    if same_queries:
        assert fast_queries == plain_queries, f"{what}: {fast_queries} queries fast, {plain_queries} plain"


def _enrich(spec, payload: dict, extras: dict) -> dict:
    names = set(spec.fields_for_version(None))
    richer = dict(payload)
    if "tags" in names:
        richer["tags"] = [str(extras["tag"].pk)]
    if "custom_fields" in names:
        richer["custom_fields"] = {"fast_path_note": "set"}
    return richer


def _update_payload(spec) -> dict:
    from nautobot.core.tests.test_api_contract import update_payload

    return update_payload(spec)


@pytest.mark.parametrize("spec", SPECS, ids=ids)
def test_fast_and_plain_paths_answer_the_same(spec, client, monkeypatch):
    from django.urls import reverse

    model = spec.model
    case = CASES[model]
    url = reverse(list_url_name(model))
    extras = {"tag": b.tag()}
    custom_field = b.custom_field("dcim.site", name="fast_path_note", type="text")
    custom_field.content_types.add(ContentType.objects.get_for_model(model))
    if case.read_only:
        objects = [case.sample(), case.sample()]
        found = [client.get(f"{url}{obj.pk}/").json() for obj in objects]
    else:
        found, payloads = [], []
        for _ in range(2):
            payload = _enrich(spec, case.create(), extras)
            created = client.post(url, payload)
            if created.status_code != 201:  # a model whose tags or custom fields take other values
                payload = case.create()
                created = client.post(url, payload)
            assert created.status_code == 201, created.content
            found.append(created.json())
            payloads.append(payload)
    pks = [obj["id"] for obj in found]

    reads = {
        "list": lambda: client.get(url),
        "list by id": lambda: client.get(url, id=pks),
        "list, one per page": lambda: client.get(url, limit=1, offset=1),
        "brief list": lambda: client.get(url, brief="true"),
        "detail": lambda: client.get(f"{url}{pks[0]}/"),
        "brief detail": lambda: client.get(f"{url}{pks[1]}/", brief="true"),
        "1.2 detail": lambda: TokenClient(client.headers["HTTP_AUTHORIZATION"][6:], "1.2").get(f"{url}{pks[0]}/"),
    }
    for name, request in reads.items():
        assert_same(both_ways(request), f"{spec.model._meta.label} {name}", same_queries=True)
    if case.read_only:
        return

    for field in model._meta.concrete_fields:  # `default=timezone.now` holds the function itself
        if field.default is timezone.now:
            monkeypatch.setattr(field, "_get_default", lambda: FROZEN)
    monkeypatch.setattr(timezone, "now", lambda: FROZEN)
    if hasattr(model, "generate_key"):  # tokens
        monkeypatch.setattr(model, "generate_key", staticmethod(lambda: "f" * 40))
    fresh = [_enrich(spec, case.create(), extras) if "tags" in payloads[0] else case.create() for _ in range(2)]
    changes = _update_payload(spec)
    writes = {
        "create": lambda: client.post(url, fresh[0]),
        "update": lambda: client.patch(f"{url}{pks[0]}/", changes),
        "create again (unique checks)": lambda: client.post(url, payloads[0]),
        "delete": lambda: client.delete(f"{url}{pks[1]}/"),
    }
    if not case.skip_bulk:
        writes["bulk create"] = lambda: client.post(url, fresh)
        writes["bulk update"] = lambda: client.patch(url, [{"id": pk, **changes} for pk in pks])
    for name, request in writes.items():
        assert_same(both_ways(request, writes=model), f"{model._meta.label} {name}", same_queries=False)


def test_filters_tokens_and_webhook_subscriptions_answer_the_same(client):
    from nautobot.extras.models import Webhook
    from nautobot.extras.webhooks import outbox

    site = b.site()
    device = b.device(site=site)
    b.interface(device=device)
    requests = {
        "related filter by slug": lambda: client.get("/api/dcim/devices/", site=site.slug),
        "related filter by id and slug": lambda: client.get("/api/dcim/devices/", site=[str(site.pk), "no-such-site"]),
        "related filter by name": lambda: client.get("/api/dcim/interfaces/", device=device.name),
        "interfaces of a device": lambda: client.get("/api/dcim/interfaces/", device_id=str(device.pk)),
        "unknown token": lambda: TokenClient("0" * 40).get("/api/dcim/devices/"),
    }
    for name, request in requests.items():
        assert_same(both_ways(request), name, same_queries=True)
    hook = Webhook.objects.create(name="fp", payload_url="http://example.com/", type_update=True)
    device_type = ContentType.objects.get_for_model(device)
    hook.content_types.set([device_type])
    subscriptions = {}
    for mode in (True, False):
        with override_settings(FAST_PATH=mode):
            assert fastpath.enabled() is mode
            subscriptions[mode] = outbox._subscriptions([device_type.pk, -1])
    assert subscriptions[True] == subscriptions[False] == [(device_type.pk, hook.pk, False, True, False)]


def test_plain_path_reaches_no_compiled_sql(client, monkeypatch):
    """With the fast path off nothing compiles SQL of its own: every compiled entry point refuses to run."""
    from nautobot.core.fastpath import compiled, output, pages

    def refuse(*args, **kwargs):
        raise AssertionError("the fast path ran with FAST_PATH off")

    for name in ("load_foreign_keys", "load_many_to_many"):
        monkeypatch.setattr(compiled, name, refuse)
    monkeypatch.setattr(compiled.CompiledQuery, "__call__", refuse)
    monkeypatch.setattr(compiled.CompiledLookup, "__call__", refuse)
    monkeypatch.setattr(output, "_to_representation", refuse)
    monkeypatch.setattr(pages._PageQuerySetMixin, "_prefetch_related_objects", refuse)
    device = b.device(platform=b.platform())
    device.tags.set([b.tag()])
    with override_settings(FAST_PATH=False):
        assert client.get("/api/dcim/devices/").status_code == 200
        assert client.get("/api/dcim/interfaces/", device=device.name).status_code == 200
        response = client.patch(f"/api/dcim/devices/{device.pk}/", {"serial": "plain"})
        assert response.status_code == 200 and response.json()["serial"] == "plain"
