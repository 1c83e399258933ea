"""The REST contract, checked for every model that has a spec: CRUD, bulk, brief, OPTIONS, tokens, filters, queries.

Cases (how to build a payload) come from `<app>/tests/api_cases.py`; a spec without a case fails here.
Every test runs twice: with the fast path (`nautobot.core.fastpath`) and with Django's and DRF's plain path.
"""

import pytest
from django.urls import reverse
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.module_loading import autodiscover_modules

from nautobot.core.api.urlbuilding import list_url_name
from nautobot.core.specs import all_specs
from nautobot.core.testing.api import CASES, TokenClient
from nautobot.users.models import Token

autodiscover_modules("tests.api_cases")
SPECS = all_specs()
WRITABLE = [s for s in SPECS if s.model in CASES and not CASES[s.model].read_only]
ids = lambda spec: spec.model._meta.label  # noqa: E731

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["fast", "plain"])
def fast_path(request, settings):
    settings.FAST_PATH = request.param == "fast"


def list_url(spec) -> str:
    return reverse(list_url_name(spec.model))


def update_payload(spec) -> dict:
    case = CASES[spec.model]
    if case.update is not None:
        return case.update()
    names = {f.name for f in spec.model._meta.get_fields()}
    for name in ("description", "comments", "label"):
        if name in names and name in spec.api_fields:
            return {name: "changed by the contract suite"}
    raise AssertionError(f"{spec.model._meta.label}: give its API case an `update` payload")


@pytest.fixture
def admin(django_user_model):
    user = django_user_model.objects.create_superuser("contract-admin", "a@example.com", "pw")
    return TokenClient(Token.objects.create(user=user).key)


@pytest.fixture
def reader(django_user_model):
    user = django_user_model.objects.create_superuser("contract-reader", "r@example.com", "pw")
    return TokenClient(Token.objects.create(user=user, write_enabled=False).key)


@pytest.mark.parametrize("spec", SPECS, ids=ids)
def test_every_spec_has_an_api_case(spec):
    assert spec.model in CASES, f"add a case for {spec.model._meta.label} in {spec.app_label()}/tests/api_cases.py"


@pytest.mark.parametrize("spec", WRITABLE, ids=ids)
def test_create_read_update_delete(spec, admin):
    url = list_url(spec)
    created = admin.post(url, CASES[spec.model].create())
    assert created.status_code == 201, created.content
    body = created.json()
    assert {"id", "display", "url"} <= set(body)
    assert body["url"] == f"http://testserver{url}{body['id']}/"
    assert isinstance(body["display"], str) and body["display"], body

    detail = admin.get(body["url"])
    assert detail.status_code == 200 and detail.json()["id"] == body["id"]
    assert detail["API-Version"] == "1.2"

    brief = admin.get(body["url"], brief="true").json()
    assert set(brief) == {"id", "display", "url", *spec.brief_fields}, brief

    changes = update_payload(spec)
    patched = admin.patch(body["url"], changes)
    assert patched.status_code == 200, patched.content
    for key, value in changes.items():
        if key != "password":
            assert patched.json()[key] == value

    assert admin.delete(body["url"]).status_code == 204
    assert admin.get(body["url"]).status_code == 404


@pytest.mark.parametrize("spec", WRITABLE, ids=ids)
def test_bulk_create_update_delete(spec, admin):
    url = list_url(spec)
    created = admin.post(url, [CASES[spec.model].create(), CASES[spec.model].create()])
    assert created.status_code == 201, created.content
    objects = created.json()
    assert isinstance(objects, list) and len(objects) == 2
    changes = update_payload(spec)
    if "name" in changes and spec.model._meta.get_field("name").unique:
        changes = [{"id": o["id"], "name": f"{o['name']}-x"} for o in objects]
    else:
        changes = [{"id": o["id"], **changes} for o in objects]
    updated = admin.patch(url, changes)
    assert updated.status_code == 200, updated.content
    assert [o["id"] for o in updated.json()] == [o["id"] for o in objects]
    deleted = admin.delete(url, [{"id": o["id"]} for o in objects])
    assert deleted.status_code == 204, deleted.content
    for obj in objects:
        assert admin.get(obj["url"]).status_code == 404


@pytest.mark.parametrize("spec", WRITABLE, ids=ids)
def test_list_costs_the_same_queries_for_one_row_or_many(spec, admin):
    url = list_url(spec)
    first = admin.post(url, CASES[spec.model].create()).json()
    with CaptureQueriesContext(connection) as one:
        response = admin.get(url, id=first["id"])
    assert response.status_code == 200 and response.json()["count"] == 1
    more = admin.post(url, [CASES[spec.model].create() for _ in range(5)]).json()
    with CaptureQueriesContext(connection) as six:
        response = admin.get(url, id=[first["id"], *[o["id"] for o in more]])
    assert response.json()["count"] == 6
    assert len(six) == len(one), "\n".join(q["sql"] for q in six.captured_queries)


@pytest.mark.parametrize("spec", WRITABLE, ids=ids)
def test_options_lists_writable_fields_only_for_writers(spec, admin, reader):
    url = list_url(spec)
    options = admin.options(url)
    assert options.status_code == 200
    post = options.json()["actions"]["POST"]
    assert "id" in post
    for info in post.values():
        for choice in info.get("choices", []):
            assert set(choice) == {"value", "display"}
    assert "actions" not in reader.options(url).json()


@pytest.mark.parametrize("spec", WRITABLE, ids=ids)
def test_read_only_token_cannot_write(spec, reader):
    response = reader.post(list_url(spec), CASES[spec.model].create())
    assert response.status_code == 403
    assert "detail" in response.json()


@pytest.mark.parametrize("spec", SPECS, ids=ids)
def test_unknown_filter_is_a_400(spec, admin):
    response = admin.get(list_url(spec), no_such_filter="x")
    assert response.status_code == 400
    assert response.json() == {"no_such_filter": ["Unknown filter field"]}
