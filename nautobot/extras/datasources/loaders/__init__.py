"""Loaders of the content kinds Nautobot itself provides, registered with `contents.register_content` when
their models are installed. Shared here: reading data files and tracking what a repository owns."""

from collections.abc import Iterator
from pathlib import Path

import yaml
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from nautobot.extras.datasources.models import GitRepository

DATA_SUFFIXES = (".json", ".yaml", ".yml")


class FileError(ValueError):
    """This file cannot be loaded; the message says why (the sync goes on with the next file)."""


def data_files(directory: Path) -> Iterator[Path]:
    """The JSON/YAML files directly in `directory`, sorted (none if it does not exist)."""
    if directory.is_dir():
        yield from sorted(p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in DATA_SUFFIXES)


def read_data(path: Path):
    """Parse a JSON or YAML file (YAML is a superset of JSON); raise `FileError` with the position on error."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        raise FileError(f"not valid YAML/JSON{where}: {getattr(exc, 'problem', None) or exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FileError(f"cannot be read: {exc}") from None


def owner_of(repository) -> dict:
    """Filter/field values that mark a record as provided by `repository`."""

    return {"owner_content_type": ContentType.objects.get_for_model(GitRepository), "owner_object_id": repository.pk}


def error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items())
        return " ".join(exc.messages)
    return str(exc)


def relative(path: Path, root: Path) -> str:
    return str(path.relative_to(root))


def remove_unseen(queryset, seen: set, log, *, kind: str, had_failures: bool) -> None:
    """Delete the records of `queryset` (those the repository owns) whose pk is not in `seen`.

    Skipped when a file failed: what it defined cannot be told apart from what vanished, and a broken
    file must not remove data.
    """
    gone = queryset.exclude(pk__in=seen)
    if had_failures:
        if gone.exists():
            log.warning(f"Not removing {kind} missing from the repository because a file failed to load.")
        return
    for obj in gone:
        name = str(obj)
        with log.changes():
            obj.delete()
        log.info(f"Removed {kind} {name} (no longer in the repository).")
