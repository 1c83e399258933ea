"""1.x `nautobot.apps.datasources`: what an app's Git repository content looks like (`datasource_contents`)."""

from nautobot.extras.registry import DatasourceContent

__all__ = ["DatasourceContent"]
