"""1.x `nautobot.extras.registry`: `registry`, the dict apps read, and `DatasourceContent`, the 1.x shape of what a
Git repository can provide (a callback taking the repository and a job result).

Ours is the typed registry of `nautobot.core.registry`: `registry` here is a read-only view of it under the 1.x
keys and in the 1.x shapes (`registry["datasource_contents"]["extras.gitrepository"]`, `registry["model_features"]
["custom_fields"]`, ...), computed at each read, so it never goes stale. Register through the hooks or the core
registry; writing to this view raises TypeError.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from django.apps import apps

from nautobot.core.registry import DatasourceContent as ContentKind
from nautobot.core.registry import registry as core_registry

# The 1.x log levels a callback passes to `job_result.log(level_choice=...)`, to our sync log's methods.
_LEVELS = {"debug": "info", "info": "info", "success": "success", "warning": "warning", "failure": "failure"}


class _JobResultLog:
    """What a 1.x content callback receives as `job_result`: `log()` and `set_status()` onto our sync log."""

    def __init__(self, log, repository) -> None:
        self._log = log
        self.name = getattr(repository, "name", "")
        self.user = getattr(log, "user", None)
        self.status = "running"

    def log(self, message: str, obj: Any = None, level_choice: str = "info", grouping: str = "", **kwargs) -> None:
        getattr(self._log, _LEVELS.get(str(level_choice), "info"))(str(message), obj)

    def set_status(self, status: str) -> None:
        self.status = status
        if status in ("failed", "errored"):
            self._log.failure(f"Marked {status} by the content loader.")


class DatasourceContent:
    """A kind of content a Git repository can provide, as 1.x apps declare it: `callback(repository, job_result,
    delete=False)` makes the database match the files of `repository.filesystem_path` (or, with `delete=True`,
    removes what the repository provided). Registered for `content_identifier` (e.g. "myapp.things")."""

    def __init__(self, name: str, content_identifier: str, icon: str, callback: Callable, weight: int = 1000) -> None:
        self.name = name
        self.content_identifier = content_identifier
        self.icon = icon
        self.callback = callback
        self.weight = weight

    def __repr__(self) -> str:
        return f"<DatasourceContent {self.content_identifier}: {self.name}>"

    def load(self, repository, root, log) -> None:
        self.callback(repository, _JobResultLog(log, repository), delete=False)

    def remove(self, repository, log) -> None:
        self.callback(repository, _JobResultLog(log, repository), delete=True)

    def as_content(self) -> ContentKind:
        """This content as a kind of the core registry's `datasource_contents` (no directory of its own: the callback
        reads what it wants, so a repository's diff does not list its files)."""
        return ContentKind(
            name=self.content_identifier,
            label=self.name,
            directory="",
            load=self.load,
            remove=self.remove,
            weight=self.weight,
        )


def _by_model(entries, attribute: str = "model") -> dict[str, list]:
    grouped: dict[str, list] = {}
    for entry in entries:
        grouped.setdefault(getattr(entry, attribute), []).append(entry)
    return grouped


# The feature names of 1.x (`nautobot.extras.constants.EXTRAS_FEATURES`): each is a key of `model_features`, empty or not.
EXTRAS_FEATURES = (
    "cable_terminations",
    "config_context_owners",
    "custom_fields",
    "custom_links",
    "custom_validators",
    "dynamic_groups",
    "export_template_owners",
    "export_templates",
    "graphql",
    "job_results",
    "locations",
    "relationships",
    "statuses",
    "webhooks",
)


def _model_features() -> dict[str, dict[str, list[str]]]:
    """`{feature: {app_label: [model_name, ...]}}` over every installed model, core and app, as 1.x lists them.

    1.x fills this from `@extras_features`, which its own models carry too; ours declare nothing, so their features
    are derived (`model_features()`). Before the models are loaded, only the apps' declared ones are known.
    """
    features: dict[str, dict[str, list[str]]] = {feature: defaultdict(list) for feature in EXTRAS_FEATURES}
    if apps.models_ready:
        from nautobot.core.models.features import model_features  # needs settings, which this module must not

        labelled = [(model._meta.label_lower, model_features(model)) for model in apps.get_models()]
    else:
        labelled = [(entry.model_label, entry.features) for entry in core_registry.model_features]
    for label, model_feature_names in labelled:
        app_label, _, model_name = label.partition(".")
        for feature in sorted(model_feature_names):
            features.setdefault(feature, defaultdict(list))[app_label].append(model_name)
    return features


def _datasource_contents() -> dict[str, list]:
    contents = [getattr(kind.load, "__self__", kind) for kind in core_registry.datasource_contents]
    return {"extras.gitrepository": contents}


_VIEWS: dict[str, Callable[[], Any]] = {
    "app_metrics": lambda: [entry.collect for entry in core_registry.app_metrics],
    "datasource_contents": _datasource_contents,
    "model_features": _model_features,
    "plugin_custom_validators": lambda: _by_model(core_registry.custom_validators),
    "plugin_filter_extensions": lambda: _by_model(core_registry.filter_extensions),
    "plugin_graphql_types": lambda: list(core_registry.graphql_types),
    "plugin_template_extensions": lambda: _by_model(core_registry.template_extensions),
    "secrets_providers": lambda: dict(core_registry.secrets_providers.by_key()),
}


class LegacyRegistry(Mapping):
    """The 1.x registry's keys, read from the core registry (see the module docstring)."""

    def __getitem__(self, key: str) -> Any:
        try:
            view = _VIEWS[key]
        except KeyError:
            raise KeyError(f"Invalid store: {key}") from None
        return view()

    def __iter__(self) -> Iterator[str]:
        return iter(_VIEWS)

    def __len__(self) -> int:
        return len(_VIEWS)


registry = LegacyRegistry()

__all__ = ["DatasourceContent", "registry"]
