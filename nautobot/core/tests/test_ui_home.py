"""The home page: object counts per model in a constant number of queries, narrowed by object permissions."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nautobot.core.tests import builders as b
from nautobot.core.views.pages import count_all
from nautobot.dcim.models import Device, Site
from nautobot.users.models import ObjectPermission

pytestmark = pytest.mark.django_db


def _counts(response) -> dict:
    return {str(item["label"]): item["count"] for _, items in response.context["groups"] for item in items}


def _queries(client) -> tuple[int, object]:
    client.get("/")  # warm: session, content types
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    return len(captured), response


def test_home_counts_cost_the_same_queries_whatever_the_data(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("home-admin", "h@example.com", "pw"))
    before, response = _queries(client)
    assert _counts(response)["sites"] == 0
    sites = [b.site() for _ in range(3)]
    b.device(site=sites[0])
    after, response = _queries(client)
    counts = _counts(response)
    assert (counts["sites"], counts["devices"]) == (Site.objects.count(), 1) and counts["sites"] >= 3
    assert after == before
    assert len(counts) > 40  # every model with a list page is counted, all in one query
    assert after <= 8, after


def test_home_counts_only_what_the_user_may_see(django_user_model):
    user = django_user_model.objects.create_user("home-viewer", "v@example.com", "pw")
    region = b.region()
    visible = [b.site(region=region) for _ in range(2)]
    b.site()
    grant = ObjectPermission.objects.create(
        name="sites of one region", actions=["view"], constraints={"region__slug": region.slug}
    )
    grant.object_types.add(ContentType.objects.get_for_model(Site))
    grant.users.add(user)
    client = Client()
    client.force_login(user)
    queries, response = _queries(client)
    counts = _counts(response)
    assert counts == {"sites": len(visible)}  # devices etc. are not listed at all without a grant
    assert queries <= 8


def test_count_all_matches_count_and_skips_empty_querysets():
    b.site()
    b.site()
    querysets = [
        Site.objects.all(),
        Site.objects.none(),
        Device.objects.all(),
        Site.objects.filter(name="x").distinct(),
    ]
    with CaptureQueriesContext(connection) as captured:
        counts = count_all(querysets)
    assert counts == [2, 0, 0, 0]
    assert len(captured) == 1
