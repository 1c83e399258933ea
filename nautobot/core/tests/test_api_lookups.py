"""The filter form helpers of 1.5+: lookup choices and the value input of one filter of a model."""

import pytest

pytestmark = pytest.mark.django_db
CHOICES = "/api/core/filterset-fields/lookup-choices/"
DOM = "/api/core/filterset-fields/lookup-value-dom-element/"


def test_lookup_choices_of_a_filter(api):
    response = api.get(CHOICES, content_type="dcim.device", field_name="name")
    assert response.status_code == 200
    body = response.json()
    choices = {c["id"]: c["name"] for c in body["results"]}
    assert body["count"] == len(body["results"]) and body["next"] is None
    assert choices["name"] == "exact"
    assert choices["name__ic"] == "contains (ic)"
    assert choices["name__n"] == "not exact (n)"
    assert choices["name__nic"] == "not contains (nic)"
    assert all(key == "name" or key.startswith("name__") for key in choices)
    assert api.get(CHOICES, content_type="dcim.device", field_name="has_interfaces").json()["results"] == [
        {"id": "has_interfaces", "name": "exact"}
    ]


def test_lookup_value_input(api):
    body = api.get(DOM, content_type="dcim.site", field_name="name__ic").json()
    assert body["dom_element"].startswith("<input") and 'name="name__ic"' in body["dom_element"]


def test_bad_requests_say_why(api, client):
    assert api.get(CHOICES, content_type="dcim.device").status_code == 400
    assert api.get(CHOICES, content_type="dcim.device").json() == "content_type and field_name are required parameters"
    assert api.get(CHOICES, content_type="dcim.nothing", field_name="x").status_code == 404
    missing = api.get(DOM, content_type="dcim.device", field_name="nope")
    assert missing.status_code == 404 and missing.json() == "field_name not found"
    assert client.get(CHOICES, {"content_type": "dcim.device", "field_name": "name"}).status_code == 403


def test_lookup_value_input_of_a_choice_filter(api):
    body = api.get(DOM, content_type="dcim.interface", field_name="type").json()
    assert body["dom_element"].startswith("<select") and "1000base-t" in body["dom_element"]
