"""Export templates and CSV export: `?export` on list endpoints, rendering, and the sandbox."""

import csv
import io

import pytest

from nautobot.dcim.tests import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.dcim.models import Device, Site
from nautobot.extras.exporttemplates.exports import ExportError, export_queryset
from nautobot.extras.models import ExportTemplate
from nautobot.users.models import ObjectPermission, Token

pytestmark = pytest.mark.django_db
SITES = "/api/dcim/sites/"


def template(code: str, model: str = "dcim.site", **kw) -> ExportTemplate:
    kw.setdefault("name", b.unique("export"))
    exported = ExportTemplate(content_type=b.content_type(model), template_code=code, **kw)
    exported.validated_save()
    return exported


def test_export_renders_the_filtered_list_with_mime_type_and_filename(api):
    paris = b.site(description="fr")
    b.site(description="de")
    template(
        "{% for s in queryset %}{{ s.slug }};{{ s.status.slug }}\n{% endfor %}",
        name="lines",
        mime_type="text/x-sites",
        file_extension="txt",
    )
    response = api.get(SITES, export="lines", description="fr")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/x-sites"
    assert response["Content-Disposition"] == 'attachment; filename="nautobot_sites.txt"'
    assert response.content.decode() == f"{paris.slug};active\n"


def test_export_is_limited_to_what_the_user_may_view(django_user_model):
    user = django_user_model.objects.create_user("limited-export", password="pw")
    visible, hidden = b.site(), b.site()
    grant = ObjectPermission.objects.create(name="one site", actions=["view"], constraints={"slug": visible.slug})
    grant.object_types.add(b.content_type("dcim.site"))
    grant.users.add(user)
    template("{% for s in queryset %}{{ s.slug }} {% endfor %}", name="slugs")
    content = TokenClient(Token.objects.create(user=user).key).get(SITES, export="slugs").content.decode()
    assert visible.slug in content and hidden.slug not in content


def test_unknown_template_is_a_404_and_templates_are_per_content_type(api):
    template("x", model="dcim.device", name="devices-only")
    response = api.get(SITES, export="devices-only")
    assert response.status_code == 404
    assert response.json() == {"detail": "No export template named 'devices-only' exists for dcim.site."}


@pytest.mark.parametrize(
    "code",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__ }}",
        "{% for s in queryset %}{{ s._meta.db_table }}{% endfor %}",
        "{{ queryset.first().clean.__globals__ }}",
        "{{ queryset.model.objects.all() }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ '{0.__class__}'.format(queryset) }}",
        "{{ queryset|attr('__class__') }}",
    ],
)
def test_sandbox_escape_is_a_400_and_never_runs(api, code):
    b.site()
    template(code, name="escape")
    response = api.get(SITES, export="escape")
    assert response.status_code == 400, response.content
    message = response.json()["export"][0]
    assert message.startswith("Export template 'escape' was refused by the sandbox: access to attribute"), message


@pytest.mark.parametrize(
    "code",
    [
        "{{ queryset.delete() }}",
        "{% for s in queryset %}{{ s.delete() }}{% endfor %}",
        "{{ queryset.update(name='x') }}",
    ],
)
def test_templates_cannot_write(api, code):
    site = b.site()
    template(code, name="delete")
    response = api.get(SITES, export="delete")
    assert response.status_code == 400
    assert response.json()["export"][0].startswith("Export template 'delete' was refused by the sandbox:")
    assert Site.objects.get(pk=site.pk).name == site.name


def test_runtime_errors_are_a_400_naming_the_template(api):
    b.site()
    template("{{ queryset.first().name.nope() }}", name="broken")
    response = api.get(SITES, export="broken")
    assert response.status_code == 400
    assert response.json() == {
        "export": ["Export template 'broken' failed to render: UndefinedError: 'str object' has no attribute 'nope'"]
    }


def test_template_syntax_is_checked_on_save(api):
    response = api.post(
        "/api/extras/export-templates/", {"content_type": "dcim.site", "name": "bad", "template_code": "{% for %}"}
    )
    assert response.status_code == 400 and response.json()["template_code"][0].startswith(
        "Template syntax error on line 1"
    )
    no_list = api.post(
        "/api/extras/export-templates/", {"content_type": "extras.taggeditem", "name": "ti", "template_code": "x"}
    )
    assert no_list.status_code == 400 and "content_type" in no_list.json()


def test_export_queryset_service_for_the_web_ui():
    device = b.device()
    exported = export_queryset(
        template("{% for d in queryset %}{{ d.name }}@{{ d.site.name }}{% endfor %}", model="dcim.device"),
        Device.objects.all(),
    )
    assert (exported.content, exported.mime_type, exported.filename) == (
        f"{device.name}@{device.site.name}",
        "text/plain",
        "nautobot_devices",
    )
    with pytest.raises(ExportError):
        export_queryset(template("{{ ''.__class__ }}", model="dcim.device"), Device.objects.all())


def test_csv_export_of_any_list(api):
    tag = b.tag()
    site = b.site(description="csv", asn=65001)
    site.tags.add(tag)
    b.custom_field("dcim.site", name="building", type="text")
    response = api.get(SITES, export="", description="csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"] == 'attachment; filename="nautobot_sites.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    row = rows[0]
    assert (row["id"], row["name"], row["status"], row["asn"], row["tags"], row["cf_building"]) == (
        str(site.pk),
        site.name,
        "active",
        "65001",
        tag.slug,
        "",
    )
    assert "url" not in row
    empty = api.get(SITES, export="", description="nothing")
    assert empty.status_code == 200 and empty.content.decode().startswith("id,name,slug")


def test_csv_export_of_devices_has_nested_objects_by_natural_key(api):
    device = b.device()
    rows = list(csv.DictReader(io.StringIO(api.get("/api/dcim/devices/", export="").content.decode())))
    assert (
        rows[0]["site"] == device.site.slug
        and rows[0]["device_role"] == device.device_role.slug
        and rows[0]["config_context"] == "{}"
    )


def test_csv_export_reads_large_lists_in_chunks(api, monkeypatch):
    from nautobot.core.api import csv as csv_export

    monkeypatch.setattr(csv_export, "CHUNK_SIZE", 2)
    for _ in range(5):
        b.site(description="chunked")
    listed = [s["name"] for s in api.get(SITES, description="chunked").json()["results"]]
    rows = list(csv.DictReader(io.StringIO(api.get(SITES, export="", description="chunked").content.decode())))
    assert len(listed) == 5 and [r["name"] for r in rows] == listed
