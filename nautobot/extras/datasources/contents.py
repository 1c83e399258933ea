"""The kinds of content a Git repository can provide, each loaded by the feature that owns it.

A feature registers a `ContentKind` (`register_content`): the top-level directory it reads, and two
functions: `load(repository, root, log)` makes the database match the files under `root/<directory>`
(creating, updating and removing the records the repository owns), `remove(repository, log)` removes
everything the repository provided, and optionally `provided(repository)` is the queryset of what it
provides now (the repository's page lists it). `log` is a `SyncLog`; a loader reports a bad file with
`log.failure(...)` and goes on with the next file.
"""

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class SyncLog(Protocol):
    def changes(self) -> AbstractContextManager: ...  # wrap each file's writes: change-logged, one transaction
    def info(self, message: str, obj=None) -> None: ...
    def success(self, message: str, obj=None) -> None: ...
    def warning(self, message: str, obj=None) -> None: ...
    def failure(self, message: str, obj=None) -> None: ...


@dataclass(frozen=True)
class ContentKind:
    name: str  # what `provided_contents` lists, e.g. "extras.job"
    label: str
    directory: str  # top-level directory in the repository
    load: Callable[[object, Path, SyncLog], None]
    remove: Callable[[object, SyncLog], None]
    weight: int = 1000  # lower loads first (schemas before the contexts that name them)
    # repository -> queryset of the records it provides now (shown on the repository's page); None: not shown.
    provided: Callable[[object], object] | None = None


# Content name -> kind. Filled by `register_content`, read in weight order by `ordered_contents`.
DATASOURCE_CONTENTS: dict[str, ContentKind] = {}


def register_content(kind: ContentKind) -> ContentKind:
    DATASOURCE_CONTENTS[kind.name] = kind
    return kind


def ordered_contents(names: list[str] | None = None) -> list[ContentKind]:
    """The registered kinds (only `names`, if given) in load order."""
    kinds = [k for k in DATASOURCE_CONTENTS.values() if names is None or k.name in names]
    return sorted(kinds, key=lambda k: (k.weight, k.name))
