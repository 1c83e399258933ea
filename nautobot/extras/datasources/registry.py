"""1.x `nautobot.extras.datasources.registry`: the content kinds registered for a model."""

from nautobot.extras.registry import registry


def get_datasource_contents(model_name: str) -> list:
    """The `DatasourceContent` entries registered for `model_name` (`"extras.gitrepository"`), by weight."""
    return sorted(registry["datasource_contents"].get(model_name, []), key=lambda entry: entry.weight)
