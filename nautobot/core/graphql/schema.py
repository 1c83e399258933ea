"""The GraphQL schema: for every spec, a plural list field and a singular field on the root `Query`.

- `devices(site: ["x"], name__ic: ["a"], limit: 10, offset: 0)`: the arguments are the REST
  filterset's parameters (`filterset_for`), typed as the original's: booleans, `q` and dates scalars, numbers
  `[Int]` (`[BigInteger]` for 64-bit fields), the rest `[String]` (repeated values = OR; a single literal
  is a list of one), plus `limit`/`offset`. The name is the model's verbose plural in snake_case.
- `device(id: ID)`: one object or null (also null without an id). Named after the verbose singular; a model whose singular and
  plural coincide (`virtual_chassis`) only has the plural field (use its `id` filter).
Every root queryset is narrowed by `restrict(..., "view")` and optimized from the selection set.

Importing this module builds `schema` (a few seconds for a large registry): the WSGI module imports it so
that uWSGI builds it once in the master, before forking, and every worker shares it. Queries run against
`current_schema()`: the same types plus the fields that data defines (`cf_<name>`, `rel_<slug>`, `cpf_<slug>`;
see `dynamic`), which change while the service runs.
"""

import re

import graphene
from django.core.exceptions import ValidationError
from django.db import models
from graphql import GraphQLError, GraphQLSchema

from nautobot.core.graphql import dynamic
from nautobot.core.graphql.filtering import filter_arguments, filtered
from nautobot.core.graphql.optimizer import optimize
from nautobot.core.graphql.types import build_types
from nautobot.core.specs import ObjectSpec, all_specs
from nautobot.core.permissions import restrict


def snake_name(text: str) -> str:
    """`"console port templates"` -> `console_port_templates`."""
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")


def plural_name(spec: type[ObjectSpec]) -> str:
    return snake_name(spec.model._meta.verbose_name_plural)


def singular_name(spec: type[ObjectSpec]) -> str:
    return snake_name(spec.model._meta.verbose_name)


def _window(queryset: models.QuerySet, limit: int | None, offset: int | None) -> models.QuerySet:
    if (limit is not None and limit < 0) or (offset is not None and offset < 0):
        raise GraphQLError("limit and offset must not be negative.")
    start = offset or 0
    return queryset[start : start + limit] if limit is not None else queryset[start:]


def list_resolver(model: type[models.Model]):
    """Resolver of a plural field: restrict, filter, optimize, window."""

    def resolve(root, info, limit: int | None = None, offset: int | None = None, **arguments):
        queryset = restrict(model._default_manager.all(), info.context.user, "view")
        queryset = filtered(model, queryset, arguments, info.context)
        return _window(optimize(queryset, info), limit, offset)

    return resolve


def single_resolver(model: type[models.Model]):
    """Resolver of a singular field: the object with that id, if the user may view it."""

    def resolve(root, info, id: str | None = None):
        if id is None:
            return None
        queryset = restrict(model._default_manager.all(), info.context.user, "view")
        try:
            return optimize(queryset.filter(pk=id), info).first()
        except (ValidationError, ValueError):
            raise GraphQLError(f"{id!r} is not a valid {model._meta.verbose_name} id.") from None

    return resolve


def query_fields(specs: list[type[ObjectSpec]]) -> dict[str, graphene.Field]:
    """The root fields: plural lists first (they win name clashes), then singular fields."""
    types = build_types(specs)
    fields: dict[str, graphene.Field] = {}
    for spec in specs:
        model = spec.model
        fields[plural_name(spec)] = graphene.List(
            graphene.NonNull(types[model]), args=filter_arguments(model), resolver=list_resolver(model)
        )
    for spec in specs:
        name, model = singular_name(spec), spec.model
        if name not in fields:
            fields[name] = graphene.Field(types[model], id=graphene.ID(), resolver=single_resolver(model))
    return fields


def build_schema(specs: list[type[ObjectSpec]] | None = None) -> graphene.Schema:
    """Build the schema of `specs` (default: every registered spec). Queries only: no mutations."""
    query = type("Query", (graphene.ObjectType,), {"__module__": __name__, **query_fields(specs or all_specs())})
    return graphene.Schema(query=query, auto_camelcase=False)


schema = build_schema()


def current_schema() -> GraphQLSchema:
    """The graphql-core schema that queries run against: `schema` with the fields of the current custom fields,
    relationships and computed fields (`dynamic`)."""
    return dynamic.current(schema.graphql_schema)
