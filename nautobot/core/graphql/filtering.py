"""GraphQL filter arguments: a model's REST filterset (`filterset_for`) as typed arguments, and applying them.

Booleans, `q` and dates are scalars, numbers `[Int]` (`[BigInteger]` for 64-bit fields), the rest `[String]`
(repeated values = OR; a single literal is a list of one), plus `limit`/`offset`. Used by the root fields
(`schema`) and by the filtered reverse relations of every type (`types`).
"""

import re
from typing import Any

import django_filters
import graphene
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import QueryDict
from graphql import GraphQLError, IntValueNode, StringValueNode, Undefined

from nautobot.core.filters import MultiValueFilter, SearchFilter, filterset_for

_GRAPHQL_NAME = re.compile(r"^[_a-zA-Z][_a-zA-Z0-9]*$")
PAGINATION_ARGUMENTS = ("limit", "offset")


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
