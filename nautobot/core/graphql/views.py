"""`POST /api/graphql/`: the GraphQL endpoint of the REST API (token or session, any authenticated user).

Body: JSON `{"query", "variables", "operationName"}`, or the query itself with
`Content-Type: application/graphql`. Answers: 200 `{"data": ...}` (plus `"errors"` for errors raised
while resolving); 400 `{"errors": [{"message", "locations"}]}` for an empty query, a syntax or
validation error, or a mutation (the API is read-only here). Read-only tokens may query: POST is the
transport, not a write.
"""

import json

from graphql import GraphQLError, OperationDefinitionNode, OperationType, execute, parse, validate
from rest_framework import status
from rest_framework.parsers import BaseParser, JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from nautobot.core.api.permissions import IsAuthenticated
from nautobot.core.api.views import NautobotAPIMixin
from nautobot.core.graphql.schema import current_schema


class GraphQLParser(BaseParser):
    """`Content-Type: application/graphql`: the whole body is the query."""

    media_type = "application/graphql"

    def parse(self, stream, media_type=None, parser_context=None) -> dict:
        return {"query": stream.read().decode("utf-8")}


class GraphQLRequestError(Exception):
    """A request that cannot be executed; carries the GraphQL errors for the 400 response."""

    def __init__(self, errors: list[dict]) -> None:
        super().__init__(errors)
        self.errors = errors


def _message(text: str) -> list[dict]:
    return [{"message": text, "locations": None}]


def read_request(data) -> tuple[str, dict | None, str | None]:
    """Return `(query, variables, operation name)` from the parsed body."""
    if not isinstance(data, dict):
        raise GraphQLRequestError(_message("The request body must be a JSON object."))
    query, variables = data.get("query"), data.get("variables")
    if not query or not isinstance(query, str):
        raise GraphQLRequestError(_message("Must provide query string."))
    if isinstance(variables, str):
        try:
            variables = json.loads(variables) if variables.strip() else None
        except ValueError:
            raise GraphQLRequestError(_message("Variables are invalid JSON.")) from None
    if variables is not None and not isinstance(variables, dict):
        raise GraphQLRequestError(_message("Variables must be an object."))
    return query, variables, data.get("operationName") or None


def checked_document(query: str, operation_name: str | None):
    """Parse and validate `query`; refuse mutations and subscriptions."""
    try:
        document = parse(query)
    except GraphQLError as error:
        raise GraphQLRequestError([error.formatted]) from None
    errors = validate(current_schema(), document)
    if errors:
        raise GraphQLRequestError([e.formatted for e in errors])
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode) or definition.operation == OperationType.QUERY:
            continue
        if operation_name is None or (definition.name and definition.name.value == operation_name):
            kind = definition.operation.value
            raise GraphQLRequestError(_message(f"Only queries are supported here, not {kind} operations."))
    return document


class GraphQLView(NautobotAPIMixin, APIView):
    """Execute one GraphQL query against the generated schema, as the requesting user."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, GraphQLParser]

    def get_view_name(self) -> str:
        return "GraphQL"

    def post(self, request, *args, **kwargs) -> Response:
        try:
            query, variables, operation_name = read_request(request.data)
            document = checked_document(query, operation_name)
        except GraphQLRequestError as exc:
            return Response({"errors": exc.errors}, status=status.HTTP_400_BAD_REQUEST)
        result = execute(
            current_schema(),
            document,
            context_value=request,
            variable_values=variables,
            operation_name=operation_name,
        )
        body = {"data": result.data}
        if result.errors:
            body["errors"] = [error.formatted for error in result.errors]
        return Response(body, status=status.HTTP_200_OK)


graphql_view = GraphQLView.as_view()
