"""The 1.x templates and tag libraries apps extend and load: a detail page written the 1.x way (BGP's
`*_retrieve.html` style: `{% extends 'generic/object_detail.html' %}`, Bootstrap 3 panels, `helpers`
filters, `extra_nav_tabs`) renders inside our shell with the features' panels and the apps' template
extensions; list, edit and confirmation pages, `render_form`, `json_data` and the paginator too."""

import django_tables2 as tables
import pytest
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template
from django.test import Client, RequestFactory
from django_tables2 import RequestConfig

from nautobot.core.colors import foreground_color
from nautobot.core.registry import registry
from nautobot.dcim.models import Site
from nautobot.dcim.tests import builders as b
from nautobot.extras.models import Tag
from nautobot.extras.plugins import PluginTemplateExtension
from nautobot.utilities.forms import BootstrapMixin, ConfirmationForm, DynamicModelMultipleChoiceField
from nautobot.utilities.tables import BaseTable, ToggleColumn

pytestmark = pytest.mark.django_db

# What an app's `<model>_retrieve.html` looks like (condensed from BGP's templates).
DETAIL_1X = """{% extends 'generic/object_detail.html' %}
{% load helpers %}
{% block content_left_page %}
<div class="panel panel-default">
  <div class="panel-heading"><strong>App Site Panel</strong></div>
  <table class="table table-hover panel-body attr-table">
    <tr><td>Name</td><td>{{ object.name }}</td></tr>
    <tr><td>Status</td><td><span class="label" style="color: {{ object.status.color|fgcolor }}; background-color: #{{ object.status.color }}">{{ object.status }}</span></td></tr>
    <tr><td>Description</td><td>{{ object.description|placeholder }}</td></tr>
  </table>
</div>
{% endblock content_left_page %}
{% block content_right_page %}<div class="panel panel-default"><div class="panel-heading"><strong>Right side</strong></div><div class="panel-body">{% include 'extras/inc/json_data.html' with data=object.extra format=format %}</div></div>{% endblock %}
{% block extra_nav_tabs %}<li role="presentation"><a href="/extra/">Extra Attributes</a></li>{% endblock extra_nav_tabs %}
"""


class RightPanel(PluginTemplateExtension):
    model = "dcim.site"

    def right_page(self):
        return self.render_string(
            f"<div class='panel panel-default' id='ext-right'>{self.context['object'].name}</div>"
        )

    def render_string(self, html):
        return Template(html).render(Context(self.context))

    def buttons(self):
        return "<a class='btn btn-xs btn-default' id='ext-button' href='#'>App button</a>"


def render(source: str, request, **context) -> str:
    return Template(source).render(Context({"request": request, "user": request.user, **context}))


def get(user, path="/dcim/sites/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def test_a_1x_detail_page_renders_in_our_shell(admin_user):
    site = b.site(description="")
    site.extra = {"asn": 65000}
    tag = Tag.objects.create(name="Edge", slug="edge", color="4caf50")
    site.tags.add(tag)
    field = b.custom_field("dcim.site", name="floor", type="text")
    site._custom_field_data = {field.name: "third"}
    site.save()
    with registry.template_extensions.registered(RightPanel):
        html = render(DETAIL_1X, get(admin_user, f"/dcim/sites/{site.pk}/"), object=site, active_tab="main")
    assert '<nav class="navbar' in html  # our shell
    assert f"<title>{site.name}</title>" in html
    assert 'href="/dcim/sites/">Sites</a>' in html  # breadcrumbs to the list
    assert f'href="/dcim/sites/{site.pk}/edit/"' in html and f'href="/dcim/sites/{site.pk}/delete/"' in html
    assert "<strong>App Site Panel</strong>" in html and f"<td>{site.name}</td>" in html
    fg = foreground_color(site.status.color)
    assert f'style="color: #{fg}; background-color: #{site.status.color}">{site.status}</span>' in html
    assert 'class="text-muted text-body-secondary">&mdash;</span>' in html  # placeholder of the empty description
    assert "&quot;asn&quot;: 65000" in html  # json_data (escaped like any text)
    assert '<a href="/extra/">Extra Attributes</a>' in html and 'class="nav-link active"' in html
    assert "third" in html  # the custom fields panel of our machinery
    assert "ext-right" in html and "ext-button" in html  # the app's template extension, right side and buttons
    assert html.index("App Site Panel") < html.index("third")  # the app's blocks come first in their column
    assert "background-color: #4caf50" in html  # tags
    # 1.x's "Advanced" tab: the object's details in their own pane.
    assert f'href="{site.get_absolute_url()}#advanced" data-nautobot-tab="advanced">Advanced</a>' in html
    assert str(site.pk) in html[html.index('id="advanced"') :]


def test_a_1x_tab_page_overriding_content_keeps_the_header(admin_user):
    """As in 1.x, `header` and `content` are sibling blocks: an app's tab page (BGP's extra attributes) replaces
    the content and keeps the breadcrumbs, buttons and tabs."""
    site = b.site()
    source = "{% extends 'generic/object_detail.html' %}{% block content %}<div id='app-tab'>tab</div>{% endblock %}"
    html = render(source, get(admin_user, f"/dcim/sites/{site.pk}/"), object=site, active_tab="extra")
    assert "<div id='app-tab'>tab</div>" in html and 'href="/dcim/sites/">Sites</a>' in html
    assert f'href="{site.get_absolute_url()}#advanced"' in html and 'id="main"' not in html


def test_fgcolor_and_placeholder_and_bettertitle():
    html = Template(
        "{% load helpers %}{{ 'ffffff'|fgcolor }} {{ '111111'|fgcolor }} {{ ''|placeholder }} {{ 'ip addresses'|bettertitle }}"
    ).render(Context())
    assert html.startswith("#000000 #ffffff <span")
    assert html.endswith("Ip Addresses")


def test_detail_page_hides_buttons_the_user_may_not_use(django_user_model):
    site = b.site()
    user = django_user_model.objects.create_user(username="viewer")
    html = render(DETAIL_1X, get(user), object=site)
    assert "/edit/" not in html and "/delete/" not in html


class SiteFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(required=False, label="Search")
    tag = DynamicModelMultipleChoiceField(queryset=Tag.objects.all(), to_field_name="slug", required=False)


class SiteTable(BaseTable):
    pk = ToggleColumn()
    name = tables.Column()

    class Meta(BaseTable.Meta):
        model = Site
        fields = ("pk", "name", "description")


def test_a_1x_list_page_with_table_filters_and_paginator(admin_user):
    for _ in range(3):
        b.site()

    request = get(admin_user, "/dcim/sites/?per_page=2")
    table = SiteTable(Site.objects.order_by("name"), user=admin_user)
    table.columns.show("pk")
    RequestConfig(request, paginate={"per_page": 2}).configure(table)
    html = render(
        "{% extends 'generic/object_list.html' %}",
        request,
        table=table,
        filter_form=SiteFilterForm(),
        permissions={"add": True, "change": True, "delete": True, "view": True},
        action_buttons=("add", "import", "export"),
        content_type=ContentType.objects.get_for_model(Site),
    )
    assert '<h1 class="h3 mb-0">Sites</h1>' in html
    assert 'id="add-button"' in html and 'href="/dcim/sites/add/"' in html
    assert 'name="pk"' in html and 'id="bulk-edit"' in html and 'formaction="/dcim/sites/edit/' in html
    assert "Showing 1-2 of 3" in html and 'href="?per_page=2&amp;page=2"' in html
    assert 'id="filter-form"' in html and 'placeholder="Search"' in html


def test_edit_and_confirmation_pages_and_render_form(admin_user):
    class SiteForm(BootstrapMixin, forms.ModelForm):
        class Meta:
            model = Site
            fields = ("name", "slug", "description")

    form = SiteForm(data={"name": "", "slug": "x y"})
    form.is_valid()
    html = render(
        "{% extends 'generic/object_edit.html' %}",
        get(admin_user),
        form=form,
        obj=Site(),
        obj_type="site",
        return_url="/dcim/sites/",
        editing=False,
    )
    assert "Add a new site" in html and 'name="_create"' in html and 'href="/dcim/sites/"' in html
    assert html.count("field-error") >= 2 and 'class="form-control"' in html
    html = render("{% load form_helpers %}{% render_form form %}", get(admin_user), form=form)
    assert 'for="id_name"' in html and "This field is required." in html
    html = render(
        "{% extends 'confirmation_form.html' %}{% block message %}<p>Delete it?</p>{% endblock %}",
        get(admin_user),
        form=ConfirmationForm(initial={"return_url": "/x/"}),
        return_url="/x/",
    )
    assert "<p>Delete it?</p>" in html and 'name="confirm"' in html and 'id="confirm-button"' in html
    html = render(  # 1.x's path of the page, which apps' delete templates extend
        "{% extends 'utilities/confirmation_form.html' %}{% block title %}Delete it?{% endblock %}",
        get(admin_user),
        form=ConfirmationForm(initial={"return_url": "/x/"}),
        return_url="/x/",
    )
    assert "Delete it?</div>" in html and 'id="confirm-button"' in html


def test_list_url_is_the_lists_url_name_as_in_1x(admin_user):
    """1.x list and detail templates take `list_url` as a URL name (`{% url list_url %}`), and app templates
    that copy their breadcrumbs do the same: our list page gives the name, and both templates take it."""
    client = Client()
    client.force_login(admin_user)
    response = client.get("/dcim/sites/")
    assert response.context["list_url"] == "dcim:site_list"
    site = b.site()
    html = render(
        "{% extends 'generic/object_detail.html' %}",
        get(admin_user, f"/dcim/sites/{site.pk}/"),
        list_url="dcim:site_list",
        verbose_name_plural="sites",
        object=site,
    )
    assert '<li class="breadcrumb-item"><a href="/dcim/sites/">Sites</a></li>' in html


def test_table_config_form_and_humanize_as_1x_app_templates_load_them(admin_user):
    """`{% table_config_form table %}` (1.x's `helpers`: the column chooser dialog of a report page) and the
    `humanize` library (`django.contrib.humanize`, installed in 1.x)."""
    table = SiteTable(Site.objects.all(), user=admin_user)
    html = render(
        '{% load helpers humanize %}{% table_config_form table table_name="ObjectTable" %}{{ 1200|intcomma }}',
        get(admin_user),
        table=table,
    )
    assert 'id="ObjectTable_config"' in html and 'name="table_name" value="ObjectTable"' in html
    assert 'name="columns"' in html and '<option value="name" selected>' in html and "1,200" in html


def test_a_list_page_shows_an_apps_filter_form_without_validating_it(admin_user):
    """As on 1.x (Django 3.2, which validated no form to render it): an app's filter form that is a model form
    (the Device Lifecycle app's) has choices its model cannot take; validating it on the list page raised."""
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django_htmx.middleware import HtmxDetails

    from nautobot.core.views import generic
    from nautobot.tenancy.models import Tenant, TenantGroup

    class TenantFilterForm(BootstrapMixin, forms.ModelForm):
        group = DynamicModelMultipleChoiceField(queryset=TenantGroup.objects.all(), required=False)

        class Meta:
            model = Tenant
            fields = ["group"]

    class TenantListView(generic.ObjectListView):
        queryset = Tenant.objects.all()
        filterset_form = TenantFilterForm

    request = get(admin_user, "/tenancy/tenants/?name=x")
    request.session = {}
    request._messages = FallbackStorage(request)
    request.htmx = HtmxDetails(request)
    response = TenantListView.as_view()(request)
    assert response.status_code == 200 and 'name="group"' in response.content.decode()


def test_apps_extra_context_hooks_may_call_the_base_ones(admin_user):
    """1.x's generic views define `extra_context()` (lists) and `get_extra_context(request, instance)` (objects),
    which apps' overrides extend with `super()` (the Device Lifecycle app's lists raised AttributeError: a 500)."""
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django_htmx.middleware import HtmxDetails

    from nautobot.core.views import generic
    from nautobot.tenancy.models import Tenant

    class TenantListView(generic.ObjectListView):
        queryset = Tenant.objects.all()

        def extra_context(self):
            return {**super().extra_context(), "report": "R1"}

    class TenantView(generic.ObjectView):
        queryset = Tenant.objects.all()

        def get_extra_context(self, request, instance):
            return {**super().get_extra_context(request, instance), "extra": "E1"}

    tenant = Tenant.objects.create(name="T", slug="t")
    for view, path, kwargs, key in (
        (TenantListView, "/tenancy/tenants/", {}, "list"),
        (TenantView, f"/tenancy/tenants/{tenant.pk}/", {"pk": tenant.pk}, "object"),
    ):
        request = get(admin_user, path)
        request.session = {}
        request._messages = FallbackStorage(request)
        request.htmx = HtmxDetails(request)
        response = view.as_view()(request, **kwargs)
        assert response.status_code == 200, key
