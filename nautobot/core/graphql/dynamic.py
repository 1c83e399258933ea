"""Fields of the generated GraphQL types that data defines rather than models: 1.x's `cf_<name>` (custom fields),
`rel_<slug>` (relationships) and `cpf_<slug>` (computed fields), from `registry.graphql_field_sources`.

The types are built once, with the schema; these fields are laid over them while the service runs. `current()`
reads the sources again when the definitions may have changed: at once in the process that saved or deleted one
(`forget()`, which the extras app connects to those models' signals), within `RUNTIME_SETTINGS_REFRESH` seconds
in every other process. Each type whose extra fields changed gets a new field map in one assignment, so a query
being validated or run sees the old fields or the new ones, never half of each. (1.6 needs a restart before a new
custom field, relationship or computed field shows in GraphQL.)

A field whose name the type already has (a model field, or an earlier extra field), or that is not a GraphQL name,
is left out with one warning in the log, as 1.6 does.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import DatabaseError

from nautobot.core.registry import GraphQLExtraField, registry

if TYPE_CHECKING:
    from graphql import GraphQLField, GraphQLObjectType, GraphQLSchema

# graphene and graphql-core are imported where a schema is at hand, not here: the extras app connects `forget()`
# in every process, and workers that never answer GraphQL do not load them.

logger = logging.getLogger(__name__)

_NAME = re.compile(r"^[_a-zA-Z][_a-zA-Z0-9]*$")
_lock = threading.Lock()
_generation = 0  # incremented by forget()
_applied: tuple[int, float] | None = None  # (generation, time.monotonic()) of the last read of the sources
_base: dict[str, dict[str, GraphQLField]] = {}  # type name -> its fields without any extra field
_warned: set[str] = set()


def forget(*args: Any, **kwargs: Any) -> None:
    """Read the sources again on the next query (a signal receiver too)."""
    global _generation
    _generation += 1


def generation() -> int:
    """How many times `forget()` was called in this process."""
    return _generation


def var_name(text: str) -> str:
    """1.x's `str_to_var_name`: `"Circuit ID"` -> `circuit_id`."""
    return str(text).lower().replace(" ", "_").replace("-", "_")


def prefixed(setting: str, name: str) -> str:
    """`name` after the prefix the setting names (`GRAPHQL_CUSTOM_FIELD_PREFIX = "cf"`: `cf_<name>`); no prefix
    when the setting is empty or None, as 1.6."""
    prefix = getattr(settings, setting, None)
    return f"{prefix}_{var_name(name)}" if prefix and isinstance(prefix, str) else var_name(name)


def current(graphql_schema: GraphQLSchema) -> GraphQLSchema:
    """`graphql_schema` with the extra fields of the current definitions (read again when they may have changed)."""
    global _applied
    applied = _applied
    if applied is not None and applied[0] == _generation:
        refresh = getattr(settings, "RUNTIME_SETTINGS_REFRESH", 5)
        if time.monotonic() - applied[1] < refresh:
            return graphql_schema
    with _lock:
        if _applied is applied:  # else another thread has just read them
            generation = _generation
            try:
                extras = [extra for source in registry.graphql_field_sources for extra in source.fields()]
            except DatabaseError as exc:  # before migrations, or the database away: keep the fields there are
                logger.warning("GraphQL keeps its custom, computed and relationship fields as they were: %s", exc)
            else:
                install(graphql_schema, extras)
            _applied = (generation, time.monotonic())
    return graphql_schema


def _object_type(graphql_schema: GraphQLSchema, model) -> GraphQLObjectType | None:
    from graphene_django.registry import get_global_registry
    from graphql import GraphQLObjectType

    graphene_type = get_global_registry().get_type_for_model(model)
    found = graphql_schema.get_type(graphene_type._meta.name) if graphene_type is not None else None
    return found if isinstance(found, GraphQLObjectType) else None


def _output_type(graphql_schema: GraphQLSchema, returns) -> Any:
    from graphql import GraphQLString

    if isinstance(returns, str):
        # A scalar no model field uses is not in the schema (Date, in a tiny schema): its value as a string.
        return graphql_schema.get_type(returns) or GraphQLString
    return _object_type(graphql_schema, returns)


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        logger.warning(message)


def _resolver(extra: GraphQLExtraField):
    resolve = extra.resolve

    def resolve_field(root, info, **arguments):
        return resolve(root, info)

    return resolve_field


def install(graphql_schema: GraphQLSchema, extras: list[GraphQLExtraField]) -> None:
    """Give each type of `graphql_schema` its model fields plus the `extras` of its model (and no others)."""
    from graphql import GraphQLField, GraphQLList, GraphQLNonNull

    added: dict[str, dict[str, GraphQLField]] = {}
    for extra in extras:
        object_type = _object_type(graphql_schema, extra.model)
        if object_type is None:
            continue  # a model without a GraphQL type
        base = _base.setdefault(object_type.name, dict(object_type.fields))
        fields = added.setdefault(object_type.name, {})
        if not _NAME.match(extra.name) or extra.name.startswith("__"):
            _warn_once(f"GraphQL leaves out {extra.name!r} of {object_type.name}: not a valid GraphQL field name.")
            continue
        if extra.name in base or extra.name in fields:
            _warn_once(
                f"GraphQL leaves out {extra.description or extra.name} of {object_type.name}: "
                f"the type already has a field {extra.name}."
            )
            continue
        output = _output_type(graphql_schema, extra.returns)
        if output is None:
            _warn_once(f"GraphQL leaves out {extra.name} of {object_type.name}: {extra.returns} has no GraphQL type.")
            continue
        fields[extra.name] = GraphQLField(
            GraphQLList(GraphQLNonNull(output)) if extra.many else output,
            resolve=_resolver(extra),
            description=extra.description or None,
        )
    for name, base in _base.items():
        object_type = graphql_schema.get_type(name)
        new = {**base, **added.get(name, {})}
        if set(new) != set(object_type.fields) or any(new[k] is not object_type.fields[k] for k in new):
            object_type.fields = new  # one assignment: a running query keeps the map it has
