"""The 1.x form API as an app uses it: forms declared the 1.x way (`NautobotModelForm`, `NautobotBulkEditForm`,
`NautobotFilterForm`, `CustomFieldModelCSVForm`, the `nautobot.utilities.forms` fields and widgets) bound,
validated and saved on built-in models, with custom fields, relationships, tags and notes."""

import pytest
from django import forms
from django.contrib.contenttypes.models import ContentType

import nautobot.utilities.forms as utilities_forms
from nautobot.apps.forms import (
    CSVModelChoiceField,
    CustomFieldModelCSVForm,
    DynamicModelChoiceField,
    DynamicModelMultipleChoiceField,
    NautobotBulkEditForm,
    NautobotModelForm,
    StatusModelCSVFormMixin,
    TagFilterField,
    TagsBulkEditFormMixin,
)
from nautobot.core.writes import WriteOrigin, write_transaction
from nautobot.dcim.models import Region, Site
from nautobot.dcim.tests import builders as b
from nautobot.extras.forms import NautobotFilterForm
from nautobot.extras.models import Note, ObjectChange, Relationship, Status, Tag
from nautobot.tenancy.models import Tenant

pytestmark = pytest.mark.django_db


class SiteForm(NautobotModelForm):
    """A 1.x app's model form."""

    region = DynamicModelChoiceField(queryset=Region.objects.all(), required=False)
    tenant = DynamicModelChoiceField(queryset=Tenant.objects.all(), required=False, query_params={"group": "$region"})
    tags = DynamicModelMultipleChoiceField(queryset=Tag.objects.all(), required=False)
    slug = utilities_forms.SlugField()

    class Meta:
        model = Site
        fields = ("name", "slug", "status", "region", "tenant", "description", "tags")


class SiteFilterForm(NautobotFilterForm):
    model = Site
    field_order = ["q", "region", "tag"]
    q = forms.CharField(required=False, label="Search")
    region = DynamicModelMultipleChoiceField(queryset=Region.objects.all(), to_field_name="slug", required=False)
    tag = TagFilterField(model)


class SiteCSVForm(StatusModelCSVFormMixin, CustomFieldModelCSVForm):
    region = CSVModelChoiceField(queryset=Region.objects.all(), to_field_name="name", required=False)

    class Meta:
        model = Site
        fields = ("name", "slug", "status", "region")


class SiteBulkEditForm(TagsBulkEditFormMixin, NautobotBulkEditForm):
    pk = forms.ModelMultipleChoiceField(queryset=Site.objects.all(), widget=forms.MultipleHiddenInput())
    description = forms.CharField(max_length=200, required=False)
    enabled = forms.NullBooleanField(required=False, widget=utilities_forms.BulkEditNullBooleanSelect())

    class Meta:
        nullable_fields = ["description"]


def site_data(**extra) -> dict:
    return {"name": "Site One", "slug": "site-one", "status": str(Status.objects.get(slug="active").pk), **extra}


def test_a_model_form_validates_and_saves_with_tags_and_custom_fields(admin_user):
    tag = b.tag()
    tag.content_types.add(ContentType.objects.get_for_model(Site))
    field = b.custom_field("dcim.site", name="circuit_count", type="integer", validation_maximum=10)
    region = b.region()
    form = SiteForm(data=site_data(region=str(region.pk), tags=[str(tag.pk)], cf_circuit_count="4"))
    assert "cf_circuit_count" in form.fields and form.custom_fields == ["cf_circuit_count"]
    assert form.is_valid(), form.errors
    with write_transaction(WriteOrigin(user=admin_user, kind="web", detail="test")):
        site = form.save()
        form.save_note(instance=site, user=admin_user)
    site.refresh_from_db()
    assert (site.name, site.region, list(site.tags.all())) == ("Site One", region, [tag])
    assert site._custom_field_data == {field.name: 4}
    # Saved inside a write: the change log has the object, as for a write through the API.
    assert ObjectChange.objects.filter(changed_object_id=site.pk, action="create").exists()
    assert not Note.objects.filter(assigned_object_id=site.pk).exists()  # no note typed in


def test_a_model_form_reports_model_and_custom_field_errors_beside_the_field():
    b.custom_field("dcim.site", name="circuit_count", type="integer", validation_maximum=10)
    taken = b.site()
    form = SiteForm(data=site_data(name=taken.name, cf_circuit_count="11"))
    assert not form.is_valid()
    assert "Value must not exceed 10." in form.errors["cf_circuit_count"]
    assert "name" in form.errors  # the model's unique check, as a 1.x ModelForm gives it
    form = SiteForm(data=site_data(slug="not a slug"))
    assert not form.is_valid() and "slug" in form.errors


def test_the_status_chooser_offers_the_statuses_of_the_model():
    other = Status.objects.create(name="Only for racks", slug="only-for-racks")
    other.content_types.add(ContentType.objects.get(app_label="dcim", model="rack"))
    form = SiteForm()
    choices = [str(label) for _value, label in form.fields["status"].choices]
    assert "Active" in choices and "Only for racks" not in choices
    assert not SiteForm(data=site_data(status=str(other.pk))).is_valid()


def test_an_edit_form_starts_from_the_object_and_keeps_unchanged_custom_fields():
    b.custom_field("dcim.site", name="note_text", type="text")
    site = b.site()
    site._custom_field_data = {"note_text": "kept"}
    site.save()
    form = SiteForm(instance=site)
    assert form.initial["cf_note_text"] == "kept" and form.initial["name"] == site.name
    html = str(form["region"])
    assert 'class="form-select api-select"' in html and 'data-api-url="/api/dcim/regions/"' in html
    assert 'data-query-params="{&quot;group&quot;: &quot;$region&quot;}"' in str(form["tenant"])
    form = SiteForm(instance=site, data=site_data(name="Renamed", cf_note_text="kept"))
    assert form.is_valid(), form.errors
    form.save()
    site.refresh_from_db()
    assert (site.name, site._custom_field_data) == ("Renamed", {"note_text": "kept"})


def test_the_note_typed_in_is_added_by_save_note(admin_user):
    form = SiteForm(data=site_data(object_note="Installed the rack"))
    assert form.is_valid(), form.errors
    site = form.save()
    form.save_note(instance=site, user=admin_user)
    note = Note.objects.get(assigned_object_id=site.pk)
    assert (note.note, note.user) == ("Installed the rack", admin_user)


def test_the_note_is_added_with_the_object_inside_a_write_once(admin_user):
    form = SiteForm(data=site_data(object_note="Saved with the site"))
    assert form.is_valid(), form.errors
    with write_transaction(WriteOrigin(user=admin_user, kind="web", detail="test")):
        site = form.save()
    form.save_note(instance=site, user=admin_user)  # what a 1.x view does next: no second note
    notes = list(Note.objects.filter(assigned_object_id=site.pk))
    assert [(n.note, n.user) for n in notes] == [("Saved with the site", admin_user)]


def test_relationship_choosers_save_associations():
    relationship = Relationship.objects.create(
        name="Site tenant",
        slug="site_tenant",
        type="many-to-many",
        source_type=ContentType.objects.get_for_model(Site),
        destination_type=ContentType.objects.get_for_model(Tenant),
    )
    tenants = [b.tenant(), b.tenant()]
    form = SiteForm(data=site_data(cr_site_tenant__destination=[str(t.pk) for t in tenants]))
    assert "cr_site_tenant__destination" in form.relationships
    assert form.is_valid(), form.errors
    site = form.save()
    assert set(relationship.associations.values_list("destination_id", flat=True)) == {t.pk for t in tenants}
    form = SiteForm(instance=site)
    assert set(form.initial["cr_site_tenant__destination"]) == set(tenants)


def test_save_without_commit_returns_the_unsaved_object_then_save_m2m():
    tag = b.tag()
    form = SiteForm(data=site_data(tags=[str(tag.pk)]))
    assert form.is_valid(), form.errors
    site = form.save(commit=False)
    assert site._state.adding
    site.description = "set by the app"
    site.save()
    form.save_m2m()
    assert list(Site.objects.get(pk=site.pk).tags.all()) == [tag]


def test_dynamic_choosers_refuse_unknown_objects_and_render_only_the_chosen():
    regions = [b.region() for _ in range(3)]
    form = SiteForm(data=site_data(region="00000000-0000-0000-0000-000000000000"))
    assert not form.is_valid() and "region" in form.errors
    form = SiteForm(data=site_data(region=str(regions[1].pk)))
    html = str(form["region"])
    assert regions[1].name in html and regions[0].name not in html and regions[2].name not in html


def test_filter_form_with_tag_filter_and_custom_field_filters():
    tag = b.tag()
    tag.content_types.add(ContentType.objects.get_for_model(Site))
    site = b.site()
    site.tags.add(tag)
    b.custom_field("dcim.site", name="floor", type="text")
    form = SiteFilterForm(data={"tag": [tag.slug]})
    assert list(form.fields)[:3] == ["q", "region", "tag"]
    assert "cf_floor" in form.fields
    assert (tag.slug, f"{tag.name} (1)") in list(form.fields["tag"].choices)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["tag"] == [tag.slug]
    assert 'data-value-field="slug"' in str(form["region"])


def test_csv_form_finds_related_objects_by_the_named_field_and_status_by_slug():
    region = b.region()
    form = SiteCSVForm(data={"name": "csv-site", "slug": "csv-site", "status": "active", "region": region.name})
    assert form.is_valid(), form.errors
    site = form.save()
    assert (site.region, site.status.slug) == (region, "active")
    form = SiteCSVForm(data={"name": "x", "slug": "x", "status": "no-such", "region": "nowhere"})
    assert not form.is_valid()
    assert form.errors["region"] == ["Object not found: nowhere"]
    assert "status" in form.errors
    form = SiteCSVForm(
        data={"name": "y", "slug": "y", "status": "active", "region": region.slug}, headers={"region": "slug"}
    )
    assert form.is_valid(), form.errors


def test_bulk_edit_form_takes_the_model_and_lists_nullable_fields():
    tag = b.tag()
    tag.content_types.add(ContentType.objects.get_for_model(Site))
    b.custom_field("dcim.site", name="rack_count", type="integer")
    sites = [b.site(), b.site()]
    form = SiteBulkEditForm(Site, data={"pk": [str(s.pk) for s in sites], "add_tags": [str(tag.pk)], "enabled": "2"})
    assert form.is_valid(), form.errors
    assert form.model is Site
    assert form.nullable_fields == ["description", "cf_rack_count"]
    assert list(form.cleaned_data["pk"]) == sorted(sites, key=lambda s: s.name) or set(form.cleaned_data["pk"]) == set(
        sites
    )
    assert list(form.cleaned_data["add_tags"]) == [tag] and form.cleaned_data["enabled"] is True
    assert set(form.fields["add_tags"].queryset) == {tag}


def test_small_helpers_behave_as_documented():
    assert utilities_forms.add_blank_choice([("a", "A")]) == (("", "---------"), ("a", "A"))
    assert utilities_forms.BOOLEAN_WITH_BLANK_CHOICES[0] == ("", "---------")
    assert utilities_forms.parse_numeric_range("1-3,7") == [1, 2, 3, 7]
    assert list(utilities_forms.expand_alphanumeric_pattern("ge-0/0/[0-2]")) == ["ge-0/0/0", "ge-0/0/1", "ge-0/0/2"]
    field = utilities_forms.ExpandableNameField()
    assert field.clean("eth[1-2]") == ["eth1", "eth2"]
    confirm = utilities_forms.ConfirmationForm(data={"confirm": "true"})
    assert confirm.is_valid()
    assert not utilities_forms.ConfirmationForm(data={}).is_valid()
    widget = utilities_forms.StaticSelect2(choices=utilities_forms.BOOLEAN_WITH_BLANK_CHOICES)
    assert "tom-select" in widget.render("enabled", "True")
    assert 'type="date"' in utilities_forms.DatePicker().render("day", None)
    color = utilities_forms.ColorSelect().render("color", "f44336")
    assert 'value="aa1409" style="background-color: #aa1409; color: #ffffff"' in color
    assert 'value="ffeb3b" style="background-color: #ffeb3b; color: #000000"' in color


def test_built_in_forms_apps_import_device_filters_and_tenancy():
    from nautobot.dcim.forms import DeviceFilterForm
    from nautobot.tenancy.forms import TenancyFilterForm, TenancyForm

    group = b.tenant_group()
    tenant = b.tenant(group=group)
    form = DeviceFilterForm(data={"tenant": [tenant.slug], "status": ["active"], "has_primary_ip": "True"})
    assert form.is_valid(), form.errors
    assert list(form.fields)[:3] == ["q", "region", "site"]
    assert "local_context_data" in form.fields and "tag" in form.fields
    assert form.cleaned_data["has_primary_ip"] is True and list(form.cleaned_data["tenant"]) == [tenant]
    assert 'data-query-params="{&quot;group&quot;: &quot;$tenant_group&quot;}"' in str(form["tenant"])
    assert TenancyFilterForm(data={"tenant_group": ["null"]}).is_valid()
    form = TenancyForm(data={"tenant": str(tenant.pk)})
    assert form.is_valid() and form.cleaned_data["tenant"] == tenant


def test_a_content_type_chooser_reads_nothing_when_declared_and_takes_a_feature(django_assert_num_queries):
    """Apps declare it in form classes, imported before the database is there: it reads the content types when
    shown. `feature` limits them to the models having it (1.x's `FeatureQuery`)."""
    with django_assert_num_queries(0):
        field = utilities_forms.MultipleContentTypeField(feature="statuses", choices_as_strings=True)
        every = utilities_forms.MultipleContentTypeField(choices_as_strings=True)
    values = [value for value, _ in field.choices]
    assert "dcim.site" in values and "dcim.manufacturer" not in values
    assert ("dcim.manufacturer", "dcim | manufacturer") in list(every.choices)
    assert list(field.clean(["dcim.site"])) == [ContentType.objects.get_for_model(Site)]
