"""Our system checks (`nautobot.core.checks`): the tree passes them, and each one catches the bad spec it is for."""

import contextlib

import pytest
from django.core.management import call_command
from django.db import models
from django.test.utils import isolate_apps

from nautobot.core import specs
from nautobot.core.checks import check_specs
from nautobot.core.registry import registry
from nautobot.dcim.models import Manufacturer, Site
from nautobot.dcim.specs import ManufacturerSpec, SiteSpec


def variant(base: type[specs.ObjectSpec], **attributes) -> type[specs.ObjectSpec]:
    """A spec like `base` but for `attributes`, registered for `base.model` in place of `base` during the test."""
    return type(f"Bad{base.__name__}", (base,), {"__module__": __name__, **attributes})


@pytest.fixture
def register():
    """`register(spec)`: during the test, `spec` is the registered spec of its model (in place of the real one)."""
    with contextlib.ExitStack() as stack:

        def register(spec: type[specs.ObjectSpec]) -> type[specs.ObjectSpec]:
            others = [s for s in specs.all_specs() if s.model is not spec.model]
            stack.enter_context(registry.specs.emptied())
            for other in others:
                registry.specs.register(other)
            return registry.specs.register(spec)

        yield register


def ids_of(spec: type[specs.ObjectSpec]) -> list[str]:
    return [m.id for m in check_specs() if m.obj == f"{spec.__module__}.{spec.__qualname__}"]


def test_the_registered_specs_pass():
    assert check_specs() == []
    call_command("check", fail_level="WARNING")


def test_spec_of_a_model_that_is_not_installed(register):
    with isolate_apps("nautobot.core"):

        class Ghost(models.Model):
            name = models.CharField(max_length=10)

            class Meta:
                app_label = "core"

    spec = register(type("GhostSpec", (specs.ObjectSpec,), {"model": Ghost, "__module__": __name__}))
    assert ids_of(spec) == ["nautobot.E101"]


@pytest.mark.parametrize(
    "attributes",
    [{"api_fields": (*SiteSpec.api_fields, "no_such_field")}, {"brief_fields": ("name", "no_such_field")}],
    ids=["api_fields", "brief_fields"],
)
def test_serializer_field_that_the_model_lacks(register, attributes):
    spec = register(variant(SiteSpec, **attributes))
    assert ids_of(spec) == ["nautobot.E102"]
    message = next(m for m in check_specs() if m.id == "nautobot.E102")
    assert "no_such_field" in message.msg and message.hint


@pytest.mark.parametrize(
    "attributes, expected",
    [
        ({"filter_fields": (*SiteSpec.filter_fields, ("zone", "region__zone"))}, "nautobot.E103"),
        ({"filter_fields": ("name__nope",)}, "nautobot.E103"),
        ({"search_fields": ("name", "tenant__nickname")}, "nautobot.E104"),
        ({"counts": {**SiteSpec.counts, "cable_count": "cables"}}, "nautobot.E105"),
        ({"counts": {"circuit_count": ("circuits.Circuit", "provider")}}, "nautobot.E105"),
        ({"counts": {"circuit_count": ("circuits.Nothing", "site")}}, "nautobot.E105"),
        ({"list_columns": ("name", "altitude")}, "nautobot.E106"),
        ({"form_fields": ("name", "slug", "device_count")}, "nautobot.E107"),
        ({"form_fields": ("name", "created")}, "nautobot.E107"),
        ({"detail_tables": ("racks", "cables")}, "nautobot.E108"),
        ({"ui_view_classes": {"list": "nautobot.core.views.generic.NoSuchView"}}, "nautobot.E109"),
    ],
)
def test_spec_naming_what_the_model_lacks(register, attributes, expected):
    spec = register(variant(SiteSpec, **attributes))
    assert ids_of(spec) == [expected]


def test_two_specs_with_one_endpoint(register):
    spec = register(variant(ManufacturerSpec, endpoint="sites", api_app="dcim"))
    assert Manufacturer is not Site
    assert ids_of(spec) == ["nautobot.E110"]
