from nautobot.extras.plugins import PluginMenuItem

menu_items = (
    PluginMenuItem(
        link="plugins:example_plugin:summary", link_text="Widget summary", permissions=["example_plugin.view_widget"]
    ),
)
