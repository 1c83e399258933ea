"""Nautobot 1.x's `execute_query` and `execute_saved_query`: run a GraphQL query from Python (a job, an app's
view) against the same schema `/api/graphql/`, as a user (object permissions apply), without HTTP."""

from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.test.client import RequestFactory
from graphql import ExecutionResult, GraphQLError, execute, parse, validate

from nautobot.core.graphql.schema import current_schema


class QueryResult(ExecutionResult):
    """graphql-core's result (`data`, `errors`) with graphql-core 2's `to_dict()` and `invalid`, which 1.x
    callers read."""

    invalid = False

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"data": self.data}
        if self.errors:
            body["errors"] = [error.formatted for error in self.errors]
        return body


def execute_query(query: str, variables: dict | None = None, request=None, user=None) -> QueryResult:
    """Execute `query` as `request.user` (or `user`, in a request made up for it); errors are in the result."""
    if request is None and user is None:
        raise ValueError("Either request or user should be provided")
    if request is None:
        request = RequestFactory().post("/graphql/")
        request.user = user
    try:
        document = parse(query)
    except GraphQLError as error:
        result = QueryResult(data=None, errors=[error])
        result.invalid = True
        return result
    errors = validate(current_schema(), document)
    if errors:
        result = QueryResult(data=None, errors=errors)
        result.invalid = True
        return result
    result = execute(current_schema(), document, context_value=request, variable_values=variables)
    return QueryResult(data=result.data, errors=result.errors)


def execute_saved_query(saved_query_slug: str, **kwargs) -> QueryResult:
    """Execute the saved GraphQL query (`extras.GraphQLQuery`) of slug `saved_query_slug`; `kwargs` as
    `execute_query`'s."""
    try:
        model = apps.get_model("extras", "GraphQLQuery")
    except LookupError:
        raise LookupError("Saved GraphQL queries (extras.GraphQLQuery) are not installed.") from None
    try:
        saved = model.objects.get(slug=saved_query_slug)
    except ObjectDoesNotExist:
        raise model.DoesNotExist(f"No saved GraphQL query with slug {saved_query_slug!r}.") from None
    return execute_query(query=saved.query, **kwargs)
