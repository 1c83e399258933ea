"""`config_contexts/` and `config_context_schemas/` of a Git repository.

- `config_context_schemas/*.yaml|json`: `{_metadata: {name, description}, data_schema: {...}}`.
- `config_contexts/*.yaml|json` (explicit): one context, or a list of them, each with `_metadata`
  (`name` required; `weight`, `description`, `is_active`, `schema` (a schema's name) and scopes such
  as `regions: [{slug: emea}]`, `tags: [core]`); every other key is the context's data.
- `config_contexts/<scope>/<slug>.yaml|json` (implicit): the scope comes from the path
  (`config_contexts/sites/par1.yaml` applies to the site `par1`); `_metadata` is optional.
- `config_contexts/devices/<name>.yaml|json`, `config_contexts/virtual_machines/<name>.yaml|json`:
  the object's local context data (`_metadata.schema` optional).
"""

from pathlib import Path

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from nautobot.extras.datasources.loaders import (
    FileError,
    data_files,
    error_text,
    owner_of,
    read_data,
    relative,
    remove_unseen,
)
from nautobot.extras.configcontexts.models import ConfigContext, ConfigContextSchema

CONTEXTS, SCHEMAS = "config_contexts", "config_context_schemas"
LOCAL = {"devices": "dcim.Device", "virtual_machines": "virtualization.VirtualMachine"}
METADATA_FIELDS = ("name", "weight", "description", "is_active", "schema")


# Schemas ---------------------------------------------------------------------------------------------
def load_schemas(repository, root: Path, log) -> None:

    owned = ConfigContextSchema.objects.filter(**owner_of(repository))
    seen, failed = set(), False
    for path in data_files(root / SCHEMAS):
        try:
            seen.add(_load_schema(repository, path, log).pk)
        except (FileError, ValidationError) as exc:
            failed = True
            log.failure(f"{relative(path, root)}: {error_text(exc)}")
    remove_unseen(owned, seen, log, kind="config context schema", had_failures=failed)


def _load_schema(repository, path: Path, log):

    document = read_data(path)
    metadata = _metadata(document)
    if "data_schema" not in document:
        raise FileError("has no data_schema")
    name = _required_name(metadata)
    owner = owner_of(repository)
    schema = ConfigContextSchema.objects.filter(name=name, **owner).first() or ConfigContextSchema(
        name=name, slug=slugify(name)[:200], **owner
    )
    created = schema._state.adding
    schema.description = str(metadata.get("description", ""))
    schema.data_schema = document["data_schema"]
    with log.changes():
        schema.validated_save()
    log.success(f"{'Created' if created else 'Refreshed'} config context schema {name}.", schema)
    return schema


def remove_schemas(repository, log) -> None:

    remove_unseen(
        ConfigContextSchema.objects.filter(**owner_of(repository)),
        set(),
        log,
        kind="config context schema",
        had_failures=False,
    )


# Contexts ----------------------------------------------------------------------------------------------
def load_contexts(repository, root: Path, log) -> None:

    base = root / CONTEXTS
    seen, failed = set(), False
    for path in data_files(base):
        try:
            document = read_data(path)
            items = document if isinstance(document, list) else [document]
            for item in items:
                seen.add(_save_context(repository, item, {}, log).pk)
        except (FileError, ValidationError) as exc:
            failed = True
            log.failure(f"{relative(path, root)}: {error_text(exc)}")
    scopes = _scope_fields()
    for directory in sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else ():
        if directory.name in LOCAL:
            continue
        if directory.name not in scopes:
            log.warning(
                f"{relative(directory, root)}: not a config context scope (one of {', '.join(sorted([*scopes, *LOCAL]))}); skipped."
            )
            continue
        for path in data_files(directory):
            try:
                implied = {directory.name: [{"slug": path.stem}]}
                seen.add(
                    _save_context(
                        repository, read_data(path), implied, log, default_name=f"{directory.name}/{path.stem}"
                    ).pk
                )
            except (FileError, ValidationError) as exc:
                failed = True
                log.failure(f"{relative(path, root)}: {error_text(exc)}")
    remove_unseen(
        ConfigContext.objects.filter(**owner_of(repository)), seen, log, kind="config context", had_failures=failed
    )
    for directory, label in LOCAL.items():
        _load_local_data(repository, root, directory, label, log)


def _save_context(repository, document, implied: dict, log, default_name: str = ""):

    metadata = _metadata(document, required=not default_name)
    name = str(metadata.get("name") or default_name) if default_name else _required_name(metadata)
    data = {k: v for k, v in document.items() if k != "_metadata"}
    owner = owner_of(repository)
    context = ConfigContext.objects.filter(name=name, **owner).first() or ConfigContext(name=name, **owner)
    created = context._state.adding
    context.weight = metadata.get("weight", 1000)
    context.description = str(metadata.get("description", ""))
    context.is_active = bool(metadata.get("is_active", True))
    context.schema = _schema(repository, metadata.get("schema"))
    context.data = data
    scopes = {**{k: v for k, v in metadata.items() if k in _scope_fields()}, **implied}
    unknown = set(metadata) - set(METADATA_FIELDS) - set(_scope_fields())
    if unknown:
        raise FileError(f"unknown _metadata key(s) {', '.join(sorted(unknown))} in {name}")
    resolved = {field: _resolve(field, values) for field, values in scopes.items()}
    with log.changes():
        context.validated_save()
        for field in _scope_fields():
            getattr(context, field).set(resolved.get(field, []))
    log.success(f"{'Created' if created else 'Refreshed'} config context {name}.", context)
    return context


def remove_contexts(repository, log) -> None:

    remove_unseen(
        ConfigContext.objects.filter(**owner_of(repository)), set(), log, kind="config context", had_failures=False
    )
    for label in LOCAL.values():
        _clear_local_data(repository, label, set(), log)


# Local context data ------------------------------------------------------------------------------------
def _load_local_data(repository, root: Path, directory: str, label: str, log) -> bool:
    """Set the local context data of each object named by a file; clear what this repository set before."""
    try:
        model = apps.get_model(label)
    except LookupError:
        return False
    seen, failed = set(), False
    for path in data_files(root / CONTEXTS / directory):
        try:
            seen.add(_set_local_data(repository, model, path, log).pk)
        except (FileError, ValidationError) as exc:
            failed = True
            log.failure(f"{relative(path, root)}: {error_text(exc)}")
    if not failed:
        _clear_local_data(repository, label, seen, log)
    return failed


def _set_local_data(repository, model, path: Path, log):
    document = read_data(path)
    metadata = _metadata(document, required=False)
    matches = list(model.objects.filter(name=path.stem)[:2])
    noun = model._meta.verbose_name
    if not matches:
        raise FileError(f"no {noun} is named {path.stem!r}")
    if len(matches) > 1:
        raise FileError(f"more than one {noun} is named {path.stem!r}")
    obj = matches[0]
    owner = owner_of(repository)
    owned_by_us = obj.local_context_data_owner_object_id == repository.pk
    if not owned_by_us and (obj.local_context_data_owner_object_id is not None or obj.local_context_data is not None):
        raise FileError(
            f"{noun} {obj} already has local context data set elsewhere; clear it first to let this repository own it"
        )
    obj.local_context_data = {k: v for k, v in document.items() if k != "_metadata"}
    obj.local_context_schema = _schema(repository, metadata.get("schema"))
    obj.local_context_data_owner_content_type = owner["owner_content_type"]
    obj.local_context_data_owner_object_id = repository.pk
    with log.changes():
        obj.validated_save()
    log.success(f"Set the local context data of {noun} {obj}.", obj)
    return obj


def _clear_local_data(repository, label: str, keep: set, log) -> None:
    try:
        model = apps.get_model(label)
    except LookupError:
        return
    for obj in model.objects.filter(local_context_data_owner_object_id=repository.pk).exclude(pk__in=keep):
        obj.local_context_data = None
        obj.local_context_schema = None
        obj.local_context_data_owner_content_type = None
        obj.local_context_data_owner_object_id = None
        with log.changes():
            obj.save()
        log.info(f"Cleared the local context data of {model._meta.verbose_name} {obj} (file removed).", obj)


# Helpers -----------------------------------------------------------------------------------------------
def _metadata(document, *, required: bool = True) -> dict:
    if not isinstance(document, dict):
        raise FileError("must hold a mapping (or, for config contexts, a list of mappings)")
    metadata = document.get("_metadata")
    if metadata is None and not required:
        return {}
    if not isinstance(metadata, dict):
        raise FileError("needs a _metadata mapping with at least a name")
    return metadata


def _required_name(metadata: dict) -> str:
    name = metadata.get("name")
    if not name:
        raise FileError("_metadata has no name")
    return str(name)


def _scope_fields() -> list[str]:

    return [f.name for f in ConfigContext._meta.get_fields() if f.many_to_many and not f.auto_created]


def _resolve(field: str, values) -> list:
    """Objects named by a scope list: `{slug: x}`, `{name: x}` (any lookup of the model) or a plain slug."""

    model = ConfigContext._meta.get_field(field).related_model
    if not isinstance(values, list):
        values = [values]
    found = []
    for value in values:
        lookup = value if isinstance(value, dict) else {"slug": value}
        try:
            found.append(model.objects.get(**lookup))
        except model.DoesNotExist:
            raise FileError(f"{field}: no {model._meta.verbose_name} matches {lookup}") from None
        except model.MultipleObjectsReturned:
            raise FileError(f"{field}: more than one {model._meta.verbose_name} matches {lookup}") from None
        except Exception as exc:  # an unknown field name in the lookup
            raise FileError(f"{field}: cannot look up {lookup}: {exc}") from None
    return found


def _schema(repository, name):
    """The schema named `name`: this repository's own first, else any; None for no name."""

    if not name:
        return None
    schema = (
        ConfigContextSchema.objects.filter(name=name, **owner_of(repository)).first()
        or ConfigContextSchema.objects.filter(name=name).first()
    )
    if schema is None:
        raise FileError(f"no config context schema is named {name!r}")
    return schema
