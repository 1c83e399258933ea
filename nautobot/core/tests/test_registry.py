"""The registry: typed stores fixed at creation, one copy per entry, a system check, plugins beside built-ins."""

import dataclasses

import pytest
from django.core import checks

from nautobot.core.registry import (
    DetailTab,
    HomePanel,
    Include,
    Panel,
    Registry,
    TemplateExtension,
    TickHook,
    registry,
)
from nautobot.core.registry.checks import check_registry


def _panel(obj, request):
    return None


def _other_panel(obj, request):
    return None


def test_a_wrong_entry_is_refused_with_the_store_and_its_kind():
    fresh = Registry()
    with pytest.raises(TypeError) as refused:
        fresh.detail_panels.register(_panel)  # the bare function, not a Panel
    message = str(refused.value)
    assert "'detail_panels'" in message and "nautobot.core.registry.kinds.Panel" in message
    with pytest.raises(TypeError, match="'home_panels' takes nautobot.core.registry.kinds.HomePanel"):
        fresh.home_panels.register(Panel(_panel))
    with pytest.raises(TypeError, match="'template_extensions' takes subclasses of"):
        fresh.template_extensions.register(TemplateExtension({}))  # an instance, not the class
    assert not fresh.detail_panels and not fresh.home_panels and not fresh.template_extensions


def test_the_same_entry_twice_is_kept_once_in_order():
    fresh = Registry()
    fresh.detail_panels.register(Panel(_panel))
    fresh.detail_panels.register(Panel(_other_panel))
    fresh.detail_panels.register(Panel(_panel))  # a second `ready()`
    assert fresh.detail_panels.entries() == (Panel(_panel), Panel(_other_panel))
    # A view made anew by each `ready()` (`as_view()`) does not make a second tab.
    fresh.detail_tabs.register(DetailTab("Log", "log", lambda request, spec, pk: None))
    fresh.detail_tabs.register(DetailTab("Log", "log", lambda request, spec, pk: None))
    assert len(fresh.detail_tabs) == 1


def test_a_key_taken_by_another_entry_is_refused():
    fresh = Registry()
    fresh.includes.register(Include("computed_fields", lambda objects, request: {}))
    with pytest.raises(ValueError, match="'includes' already has"):
        fresh.includes.register(Include("computed_fields", lambda objects, request: {"other": 1}))


def test_reads_are_read_only():
    fresh = Registry()
    fresh.tick_hooks.register(TickHook(print))
    entries = fresh.tick_hooks.entries()
    assert isinstance(entries, tuple)
    with pytest.raises(TypeError):
        fresh.includes.by_key()["x"] = Include("x", print)  # a mapping proxy
    with pytest.raises(TypeError):
        fresh.stores()["new"] = fresh.tick_hooks


def test_no_store_can_be_added_replaced_or_removed():
    fresh = Registry()
    with pytest.raises(AttributeError):
        fresh.not_a_store = fresh.tick_hooks  # not a store of the registry
    with pytest.raises(AttributeError):
        fresh.tick_hooks = fresh.beat_hooks
    with pytest.raises(AttributeError):
        del fresh.tick_hooks
    assert "not_a_store" not in fresh.stores()
    assert list(fresh.stores()) == [f.name for f in dataclasses.fields(Registry)]


def test_the_system_check_reports_an_entry_of_the_wrong_kind():
    fresh = Registry()
    fresh.home_panels.register(HomePanel(_panel))
    assert check_registry(target=fresh) == []
    fresh.home_panels._entries = (*fresh.home_panels._entries, _panel)  # slipped past `register`
    errors = check_registry(target=fresh)
    assert [e.id for e in errors] == ["nautobot.E001"]
    assert "'home_panels'" in errors[0].msg and "HomePanel" in errors[0].msg
    assert errors[0].hint and "registry.home_panels.register" in errors[0].hint


def test_the_system_check_is_registered_and_the_real_registry_passes():
    from django.apps import apps

    assert check_registry in checks.registry.registry.get_checks()
    assert check_registry(apps.get_app_configs()) == []


def test_registered_is_undone_after_the_block():
    before = registry.home_panels.entries()
    with registry.home_panels.registered(HomePanel(_panel)):
        assert registry.home_panels.entries() == (*before, HomePanel(_panel))
    assert registry.home_panels.entries() == before


def test_a_plugin_registers_in_the_same_stores_as_the_built_in_features():
    from example_plugin.graphql.types import WidgetType
    from example_plugin.template_content import SiteWidgets

    from nautobot.extras.customfields.ui import custom_fields_panel

    panels = [panel.render for panel in registry.detail_panels]
    assert custom_fields_panel in panels  # a built-in panel and a plugin's extension, each in its store
    assert SiteWidgets in registry.template_extensions
    assert WidgetType in registry.graphql_types
    (plugin_link,) = [link for link in registry.menu_links if link.url_name == "plugins:example_plugin:summary"]
    assert (plugin_link.entry.group, plugin_link.entry.label) == ("Plugins", "Widget summary")
    assert plugin_link.entry.permissions == ("example_plugin.view_widget",)
    specs = {spec.model._meta.label for spec in registry.specs}
    assert {"example_plugin.Widget", "dcim.Site"} <= specs


def test_a_message_type_needs_both_methods():
    class Plain:
        pass

    class Travels:
        def nautobot_serialize(self) -> dict:
            return {}

        @classmethod
        def nautobot_deserialize(cls, data: dict) -> "Travels":
            return cls()

    fresh = Registry()
    with pytest.raises(TypeError, match="'message_types' takes subclasses of nautobot.core.registry.kinds.MessageType"):
        fresh.message_types.register(Plain)
    fresh.message_types.register(Travels)
    assert fresh.message_types.get(f"{Travels.__module__}.{Travels.__qualname__}") is Travels


def test_a_by_key_view_stays_live():
    fresh = Registry()
    view = fresh.includes.by_key()
    fresh.includes.register(Include("a", print))
    with fresh.includes.registered(Include("b", print)):
        assert list(view) == ["a", "b"]
    with fresh.includes.emptied():
        assert list(view) == []
    assert list(view) == ["a"]
