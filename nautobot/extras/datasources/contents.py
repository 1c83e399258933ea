"""The kinds of content a Git repository can provide, each loaded by the feature that owns it.

A feature registers a `DatasourceContent` in `registry.datasource_contents` (`register_content`): the
top-level directory it reads, and two
functions: `load(repository, root, log)` makes the database match the files under `root/<directory>`
(creating, updating and removing the records the repository owns), `remove(repository, log)` removes
everything the repository provided, and optionally `provided(repository)` is the queryset of what it
provides now (the repository's page lists it). `log` is a `SyncLog`; a loader reports a bad file with
`log.failure(...)` and goes on with the next file.
"""

from nautobot.core.registry import DatasourceContent, registry


def register_content(kind: DatasourceContent) -> DatasourceContent:
    """A typed entry point to `registry.datasource_contents`."""
    return registry.datasource_contents.register(kind)


def content_names() -> list[str]:
    """The names of the registered kinds, in registration order."""
    return list(registry.datasource_contents.by_key())


def ordered_contents(names: list[str] | None = None) -> list[DatasourceContent]:
    """The registered kinds (only `names`, if given) in load order."""
    kinds = [k for k in registry.datasource_contents if names is None or k.name in names]
    return sorted(kinds, key=lambda k: (k.weight, k.name))
