"""The GraphQL schema: for every spec, a plural list field and a singular field on the root `Query`.

- `devices(site: ["x"], name__ic: ["a"], limit: 10, offset: 0)`: the arguments are the REST
  filterset's parameters (`filterset_for`), typed as the original's: booleans, `q` and dates scalars, numbers
  `[Int]` (`[BigInteger]` for 64-bit fields), the rest `[String]` (repeated values = OR; a single literal
  is a list of one), plus `limit`/`offset`. The name is the model's verbose plural in snake_case.
- `device(id: ID)`: one object or null (also null without an id). Named after the verbose singular; a model whose singular and
  plural coincide (`virtual_chassis`) only has the plural field (use its `id` filter).
Every root queryset is narrowed by `restrict(..., "view")` and optimized from the selection set.

Importing this module builds `schema` (a few seconds for a large registry): the WSGI module imports it so
that uWSGI builds it once in the master, before forking, and every worker shares it.
"""

import re
from typing import Any

import django_filters
import graphene
from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import QueryDict
from graphql import GraphQLError, IntValueNode, StringValueNode, Undefined

from nautobot.core.filters import MultiValueFilter, SearchFilter, filterset_for
from nautobot.core.graphql.optimizer import optimize
from nautobot.core.graphql.types import build_types
from nautobot.core.specs import ObjectSpec, all_specs
from nautobot.core.permissions import restrict

_GRAPHQL_NAME = re.compile(r"^[_a-zA-Z][_a-zA-Z0-9]*$")
PAGINATION_ARGUMENTS = ("limit", "offset")


def snake_name(text: str) -> str:
    """`"console port templates"` -> `console_port_templates`."""
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")


def plural_name(spec: type[ObjectSpec]) -> str:
    return snake_name(spec.model._meta.verbose_name_plural)


def singular_name(spec: type[ObjectSpec]) -> str:
    return snake_name(spec.model._meta.verbose_name)


class BigInteger(graphene.Scalar):
    """An integer beyond GraphQL's 32 bits (an ASN), as the original's `BigInteger` filter arguments."""

    @staticmethod
    def serialize(value):
        return int(value)

    @staticmethod
    def parse_value(value):
        return int(value)

    @staticmethod
    def parse_literal(node, _variables=None):
        if isinstance(node, (IntValueNode, StringValueNode)):
            return int(node.value)
        return Undefined


def _argument_type(model: type[models.Model], filter_) -> Any:
    """The original's argument types: booleans, `q` and dates are scalars, numbers `[Int]` (`[BigInteger]`), the rest `[String]`.

    A literal (`vlans(vid: 100)`, `devices(has_primary_ip: true)`, as the Ansible GraphQL inventory writes its filters)
    must type-check, and so must a variable declared as the original declares it (`$vid: [Int]`).
    """
    if isinstance(filter_, django_filters.BooleanFilter):
        return graphene.Boolean
    if isinstance(filter_, SearchFilter):
        return graphene.String
    if isinstance(filter_, MultiValueFilter) and isinstance(filter_.inner, (forms.DateField, forms.DateTimeField)):
        return graphene.String  # `created`, `last_updated__gte`...: one date, as the original's date filters
    if isinstance(filter_, MultiValueFilter) and isinstance(filter_.inner, forms.IntegerField):
        try:
            field = model._meta.get_field(filter_.field_name)
        except (FieldDoesNotExist, AttributeError):
            field = None
        return graphene.List(BigInteger if isinstance(field, models.BigIntegerField) else graphene.Int)
    return graphene.List(graphene.String)


def filter_arguments(model: type[models.Model]) -> dict[str, graphene.Argument]:
    """One argument per filter of the model's REST filterset (typed as `_argument_type`), plus `limit` and `offset`."""
    filters = filterset_for(model).base_filters
    names = sorted(n for n in filters if _GRAPHQL_NAME.match(n) and n not in PAGINATION_ARGUMENTS)
    arguments = {name: graphene.Argument(_argument_type(model, filters[name])) for name in names}
    arguments["limit"] = graphene.Argument(graphene.Int)
    arguments["offset"] = graphene.Argument(graphene.Int)
    return arguments


def filtered(model: type[models.Model], queryset: models.QuerySet, arguments: dict, request) -> models.QuerySet:
    """Apply filter arguments through the REST filterset; invalid values are a GraphQL error."""
    data = QueryDict(mutable=True)
    for name, values in arguments.items():
        if values is None:
            continue
        if not isinstance(values, (list, tuple)):
            values = [values]
        data.setlist(name, [str(v).lower() if isinstance(v, bool) else str(v) for v in values if v is not None])
    if not data:
        return queryset
    filterset = filterset_for(model)(data, queryset=queryset, request=request)
    if not filterset.is_valid():
        details = "; ".join(f"{name}: {' '.join(map(str, messages))}" for name, messages in filterset.errors.items())
        raise GraphQLError(f"Invalid filter arguments: {details}")
    return filterset.qs


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
