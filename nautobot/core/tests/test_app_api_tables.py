"""The 1.x table API as an app declares it (`BaseTable`, `ToggleColumn`, `ButtonsColumn`, `TagColumn`,
`BooleanColumn`, `ColorColumn`, `ColoredLabelColumn`, `LinkedCountColumn`, `StatusTableMixin`), rendered the
way a list page renders it, and the 1.x paginator."""

import django_tables2 as tables
import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template
from django.test import RequestFactory
from django_tables2 import RequestConfig

from nautobot.apps.tables import StatusTableMixin
from nautobot.dcim.models import Region, Site
from nautobot.dcim.tests import builders as b
from nautobot.extras.models import Status
from nautobot.utilities.paginator import EnhancedPaginator, get_paginate_count
from nautobot.utilities.tables import (
    BaseTable,
    BooleanColumn,
    ButtonsColumn,
    ColorColumn,
    ColoredLabelColumn,
    LinkedCountColumn,
    TagColumn,
    ToggleColumn,
)

pytestmark = pytest.mark.django_db


class SiteTable(StatusTableMixin, BaseTable):
    pk = ToggleColumn()
    name = tables.LinkColumn()
    region = tables.Column()
    tags = TagColumn(url_name="dcim:site_list")
    actions = ButtonsColumn(model=Site)

    class Meta(BaseTable.Meta):
        model = Site
        fields = ("pk", "name", "status", "region", "description", "tags")
        default_columns = ("pk", "name", "status", "region", "tags", "actions")


class StatusTable(BaseTable):
    name = tables.Column()
    color = ColorColumn()
    is_colored = BooleanColumn(accessor="color", verbose_name="Colored")
    label = ColoredLabelColumn(accessor="pk", verbose_name="Label")

    class Meta(BaseTable.Meta):
        model = Status
        fields = ("name", "color")


class RegionTable(BaseTable):
    name = tables.Column()
    site_count = LinkedCountColumn(viewname="dcim:site_list", url_params={"region_id": "pk"}, verbose_name="Sites")

    class Meta(BaseTable.Meta):
        model = Region
        fields = ("name", "site_count")


def render(table, request) -> str:
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    template = Template("{% load django_tables2 %}{% render_table table %}")
    return template.render(Context({"table": table, "request": request}))


def request_for(user, path="/dcim/sites/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def test_a_1x_table_renders_its_default_columns_with_links_labels_tags_and_buttons(admin_user):
    tag = b.tag(color="f44336")
    site = b.site(description="hidden by default")
    site.tags.add(tag)
    field = b.custom_field("dcim.site", name="floor", type="text")
    site._custom_field_data = {field.name: "third"}
    site.save()
    table = SiteTable(Site.objects.all(), user=admin_user)
    table.columns.show("pk")  # as a 1.x list view does for a user who may change or delete
    assert table.visible_columns == ["pk", "name", "status", "region", "tags", "actions"]
    assert ("cf_floor", "Floor") in table.configurable_columns
    html = render(table, request_for(admin_user))
    assert f'<input type="checkbox" name="pk" value="{site.pk}"' in html
    assert f'href="/dcim/sites/{site.pk}/"' in html  # LinkColumn: the object's page
    assert "hidden by default" not in html and "third" not in html
    status = site.status
    assert f"background-color:#{status.color}" in html and f">{status.name}</span>" in html
    assert f'href="/dcim/sites/?tag={tag.slug}"' in html and "background-color:#f44336" in html
    assert f'href="/dcim/sites/{site.pk}/edit/?return_url=/dcim/sites/"' in html
    assert f'href="/dcim/sites/{site.pk}/delete/?return_url=/dcim/sites/"' in html
    assert f'href="/dcim/sites/{site.pk}/changelog/"' in html


def test_buttons_follow_the_users_permissions(django_user_model):
    b.site()
    user = django_user_model.objects.create_user(username="viewer")
    user.user_permissions.add(Permission.objects.get(codename="view_site"))
    html = render(SiteTable(Site.objects.all(), user=user), request_for(user))
    assert "/changelog/" in html and "/edit/" not in html and "/delete/" not in html


def test_custom_field_columns_can_be_shown(admin_user):
    field = b.custom_field("dcim.site", name="floor", type="text")
    site = b.site()
    site._custom_field_data = {field.name: "third"}
    site.save()
    table = SiteTable(Site.objects.all(), user=admin_user)
    table.columns.show("cf_floor")
    assert "third" in render(table, request_for(admin_user))


def test_color_boolean_and_colored_label_columns(admin_user):
    status = Status.objects.get(slug="active")
    html = render(StatusTable(Status.objects.filter(pk=status.pk)), request_for(admin_user, "/"))
    assert f'class="color-swatch" style="background-color:#{status.color}"' in html
    assert "mdi-check-bold" in html


def test_linked_count_links_to_the_filtered_list(admin_user):
    region = b.region()
    b.site(region=region)
    b.site(region=region)
    rows = Region.objects.filter(pk=region.pk).extra(
        select={"site_count": "SELECT COUNT(*) FROM dcim_site WHERE dcim_site.region_id = dcim_region.id"}
    )
    html = render(RegionTable(rows), request_for(admin_user, "/"))
    assert f'<a href="/dcim/sites/?region_id={region.pk}">2</a>' in html


def test_an_empty_table_says_what_is_missing(admin_user):
    html = render(SiteTable(Site.objects.none(), user=admin_user), request_for(admin_user))
    assert "No sites found" in html


def test_paginate_count_and_page_numbers(admin_user, django_user_model, settings):
    settings.PAGINATE_COUNT = 30
    settings.MAX_PAGE_SIZE = 100
    fresh = django_user_model.objects.create_user("fresh")
    assert get_paginate_count(request_for(fresh, "/?per_page=nonsense")) == 30  # no saved preference: the default
    assert get_paginate_count(request_for(admin_user, "/?per_page=40")) == 40
    assert get_paginate_count(request_for(admin_user, "/")) == 40  # as 1.x: the user's last choice is kept
    assert get_paginate_count(request_for(admin_user, "/?per_page=5000")) == 100
    assert get_paginate_count(request_for(admin_user, "/?per_page=nonsense")) == 100  # the saved 5000, capped
    paginator = EnhancedPaginator(list(range(1000)), "junk")
    assert paginator.per_page == 30
    assert paginator.get_page_numbers(10) == [1, None, 8, 9, 10, 11, 12, None, 34]
    assert ContentType.objects.get_for_model(Site)  # the content types are there for the tables above


def test_built_in_tables_apps_import_render_devices_and_inventory(admin_user):
    from nautobot.dcim.models import Device, InventoryItem
    from nautobot.dcim.tables import DeviceTable, InventoryItemTable

    device = b.device()
    item = InventoryItem.objects.create(device=device, name="PSU-1", discovered=True)
    html = render(DeviceTable(Device.objects.all(), user=admin_user), request_for(admin_user, "/dcim/devices/"))
    assert f'href="/dcim/devices/{device.pk}/"' in html and device.device_role.name in html
    html = render(InventoryItemTable(InventoryItem.objects.all(), user=admin_user), request_for(admin_user, "/"))
    assert item.get_absolute_url() and f'href="{item.get_absolute_url()}"' in html and "PSU-1" in html


def test_related_link_column_of_django_tables2_2x_links_the_related_object(admin_user):
    """1.x apps (on django-tables2 2.x) declare `django_tables2.RelatedLinkColumn()`, which 3.0 removed."""

    class RegionOfSiteTable(BaseTable):
        region = tables.RelatedLinkColumn()

        class Meta(BaseTable.Meta):
            model = Site
            fields = ("name", "region")

    region = b.region()
    b.site(region=region)
    html = render(RegionOfSiteTable(Site.objects.all(), user=admin_user), request_for(admin_user))
    assert f'<a href="/dcim/regions/{region.pk}/">{region.name}</a>' in html
