from nautobot.extras.plugins import PluginMenuItem

menu_items = (PluginMenuItem(link="plugins:example_plugin:widgets", link_text="Widgets", permissions=["example_plugin.view_widget"]),)
