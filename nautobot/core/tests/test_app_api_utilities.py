"""1.x `nautobot.utilities.utils` and `nautobot.extras.registry`, used as 1.x apps use them."""

import datetime
import uuid

import pytest
from django.test import RequestFactory
from django.urls import reverse

from nautobot.dcim.models import Site
from nautobot.dcim.tests import builders as b
from nautobot.extras.registry import DatasourceContent, registry
from nautobot.utilities.utils import (
    copy_safe_request,
    csv_format,
    deepmerge,
    dynamic_import,
    flatten_dict,
    flatten_iterable,
    foreground_color,
    get_filterset_for_model,
    get_route_for_model,
    hex_to_rgb,
    is_uuid,
    render_jinja2,
    rgb_to_hex,
    serialize_object,
    serialize_object_v2,
    shallow_compare_dict,
    slugify_dashes_to_underscores,
)


def test_csv_format_quotes_what_needs_it():
    row = ["plain", None, False, True, 3, datetime.date(2024, 1, 2), 'say "hi", then go', "two\nlines"]
    assert csv_format(row) == 'plain,,,True,3,2024-01-02,"say ""hi"", then go","two\nlines"'


def test_data_helpers():
    original = {"a": {"x": 1, "y": 2}, "b": [1]}
    merged = deepmerge(original, {"a": {"y": 3, "z": 4}, "c": 5})
    assert merged == {"a": {"x": 1, "y": 3, "z": 4}, "b": [1], "c": 5}
    assert original == {"a": {"x": 1, "y": 2}, "b": [1]}
    assert flatten_dict({"a": {"b": {"c": 1}}, "d": 2}) == {"a_b_c": 1, "d": 2}
    assert list(flatten_iterable([1, [2, [3, "ab"]], (4,)])) == [1, 2, 3, "ab", 4]
    assert shallow_compare_dict({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}, exclude=["c"]) == {"b": 3}
    assert is_uuid(uuid.uuid4()) and is_uuid(str(uuid.uuid4())) and not is_uuid("nope") and not is_uuid(None)
    assert slugify_dashes_to_underscores("My Site-1") == "my_site_1"
    assert hex_to_rgb("#ff8000") == (255, 128, 0) and rgb_to_hex(255, 128, 0) == "ff8000"
    assert foreground_color("ffffff") == "000000" and foreground_color("000080") == "ffffff"
    with pytest.raises(ValueError, match="not a six-digit"):
        hex_to_rgb("fff")
    assert dynamic_import("nautobot.dcim.models.Site") is Site
    assert dynamic_import("nautobot.utilities.utils.csv_format") is csv_format
    with pytest.raises((ImportError, AttributeError)):
        dynamic_import("nautobot.dcim.models.NoSuchModel")


def test_routes_of_models_resolve():
    assert get_route_for_model(Site, "list") == "dcim:site_list"
    assert get_route_for_model("dcim.site", "add") == "dcim:site_add"
    assert get_route_for_model(Site, "list", api=True) == "dcim-api:site-list"
    assert reverse(get_route_for_model(Site, "list")) == "/dcim/sites/"
    assert reverse(get_route_for_model(Site, "list", api=True)) == "/api/dcim/sites/"
    widget_route = get_route_for_model("example_plugin.widget", "list")
    assert widget_route == "plugins:example_plugin:widget_list"
    assert reverse(widget_route) == "/plugins/example-plugin/widgets/"
    assert reverse(get_route_for_model("example_plugin.widget", "list", api=True)).startswith(
        "/api/plugins/example-plugin/widgets/"
    )


@pytest.mark.django_db
def test_serializing_and_rendering_an_object():
    site = b.site(description="by the sea")
    tag = b.tag()
    site.tags.add(tag)
    plain = serialize_object(site, extra={"note": "x"}, exclude=["description"])
    assert plain["name"] == site.name and plain["tags"] == [tag.name] and plain["note"] == "x"
    assert "description" not in plain and "custom_fields" in plain
    assert not any(key.startswith("_") for key in plain)
    api = serialize_object_v2(site)
    assert api["id"] == str(site.pk) and api["status"]["value"] == "active" and api["description"] == "by the sea"
    assert render_jinja2("{{ obj.name | upper }} {{ n + 1 }}", {"obj": site, "n": 1}) == f"{site.name.upper()} 2"
    filterset = get_filterset_for_model(Site)
    assert list(filterset({"name": [site.name]}, queryset=Site.objects.all()).qs) == [site]


def test_copy_safe_request_keeps_no_credentials():
    request = RequestFactory().post(
        "/dcim/sites/?x=1", {"name": "a"}, HTTP_AUTHORIZATION="Token secret", HTTP_USER_AGENT="pytest"
    )
    request.META["HTTP_COOKIE"] = "sessionid=secret"
    copied = copy_safe_request(request)
    assert copied.META["HTTP_USER_AGENT"] == "pytest" and copied.path == "/dcim/sites/"
    assert "HTTP_AUTHORIZATION" not in copied.META and "HTTP_COOKIE" not in copied.META
    assert copied.GET["x"] == "1" and copied.POST["name"] == "a"


def test_the_1x_registry_reads_the_core_registry():
    contents = registry["datasource_contents"]["extras.gitrepository"]
    assert {"extras.configcontext", "extras.job", "extras.exporttemplate"} <= {c.name for c in contents}
    assert registry["plugin_template_extensions"]["dcim.site"][0].__module__ == "example_plugin.template_content"
    assert "plugin_custom_validators" in registry and len(registry) == len(list(registry))
    # Every model's features, ours (derived) as well as the apps' (declared), under every 1.x feature name.
    features = registry["model_features"]
    assert "site" in features["custom_validators"]["dcim"] and "site" in features["statuses"]["dcim"]
    assert "manufacturer" not in features["statuses"]["dcim"]
    assert "device" in features["dynamic_groups"]["dcim"] and "prefix" in features["dynamic_groups"]["ipam"]
    assert "exchangerole" in features["custom_validators"]["example_app_1x"]
    assert "exchangerole" not in features["statuses"]["example_app_1x"]
    with pytest.raises(KeyError, match="Invalid store: nope"):
        registry["nope"]
    with pytest.raises(TypeError):
        registry["x"] = 1  # read-only: register through the hooks


def test_a_1x_datasource_content_loads_through_our_sync_log():
    calls = []

    def callback(repository, job_result, delete=False):
        job_result.log("read things", level_choice="success")
        job_result.log("odd file", level_choice="warning", grouping="things")
        calls.append((repository, delete))

    class Log:
        def __init__(self):
            self.lines = []

        def __getattr__(self, level):
            return lambda message, obj=None: self.lines.append((level, message))

    content = DatasourceContent("Things", "myapp.things", "mdi-cube", callback, weight=300)
    kind = content.as_content()
    assert (kind.name, kind.label, kind.weight) == ("myapp.things", "Things", 300)
    log = Log()
    kind.load("repo", None, log)
    kind.remove("repo", log)
    assert calls == [("repo", False), ("repo", True)]
    assert log.lines[:2] == [("success", "read things"), ("warning", "odd file")]


@pytest.mark.django_db
def test_1x_form_fields_and_error_handler_names(rf):
    """`nautobot.ipam.formfields` and `nautobot.utilities.error_handlers.handle_protectederror`, as apps use them;
    `ButtonColorChoices` from `nautobot.extras.plugins` and the registry from `nautobot.extras.utils`."""
    import netaddr
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.core.exceptions import ValidationError
    from django.db.models import ProtectedError

    from django.views.generic import View

    from nautobot.core.views import generic
    from nautobot.extras.plugins import ButtonColorChoices
    from nautobot.extras.registry import registry as extras_registry
    from nautobot.extras.utils import registry
    from nautobot.ipam.formfields import IPAddressFormField, IPNetworkFormField
    from nautobot.utilities.error_handlers import handle_protectederror

    assert ButtonColorChoices.GREEN == "success" and registry is extras_registry
    assert generic.View is View  # Django's, which 1.x's module imported and apps subclass through it
    assert IPAddressFormField().clean("192.0.2.1") == netaddr.IPAddress("192.0.2.1")
    assert IPAddressFormField(required=False).clean("") is None
    for bad in ("192.0.2.1/24", "1.2.3", "not-an-ip"):
        with pytest.raises(ValidationError):
            IPAddressFormField().clean(bad)
    assert IPNetworkFormField().clean("2001:db8::/32") == netaddr.IPNetwork("2001:db8::/32")
    for bad in ("192.0.2.1", "10.0.0.0/33"):
        with pytest.raises(ValidationError):
            IPNetworkFormField().clean(bad)

    request = rf.get("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    handle_protectederror(["site A"], request, ProtectedError("protected", {"dependent <b>"}))
    assert [str(m) for m in get_messages(request)] == [
        "Unable to delete <strong>site A</strong>. 1 dependent objects were found: dependent &lt;b&gt;"
    ]


def test_1x_class_lookups_for_a_model():
    """`get_form_for_model`, `get_table_for_model`, `get_related_class_for_model` (1.x `nautobot.utilities.utils`):
    the `<Model><suffix>` class of the model's app's module, by class, instance or "app_label.Model"."""
    from nautobot.core.tables import table_for
    from nautobot.core.specs import spec_for
    from nautobot.dcim.forms import DeviceFilterForm
    from nautobot.dcim.models import Device
    from nautobot.dcim.tables import DeviceTable
    from nautobot.tenancy.models import Tenant
    from nautobot.utilities.utils import get_form_for_model, get_related_class_for_model, get_table_for_model

    assert get_form_for_model(Device, form_prefix="Filter") is DeviceFilterForm
    assert get_form_for_model("dcim.device", "Filter") is DeviceFilterForm
    assert get_form_for_model(Device, "NoSuch") is None
    assert get_table_for_model(Device) is DeviceTable
    assert get_table_for_model(Tenant) is table_for(spec_for(Tenant))  # no 1.x class: the list page's table
    assert get_related_class_for_model(Device, "no_such_module", "Thing") is None
    with pytest.raises(TypeError):
        get_related_class_for_model(object, "forms", "Form")
