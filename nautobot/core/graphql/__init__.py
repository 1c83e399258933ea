"""GraphQL at `/api/graphql/`: types, root query, query optimizer and view, all generated from the specs.

`types` turns every registered spec into a graphene-django type, `schema` adds one plural and one
singular root field per model, `optimizer` derives select/prefetch from the selection set, and
`views` is the DRF endpoint. The schema is built once, when `nautobot.core.graphql.schema` is imported.

Nautobot 1.x's `execute_query` and `execute_saved_query` (`queries`) are given here on first use: importing them
builds the schema, which needs the models.
"""

import importlib

__all__ = ["execute_query", "execute_saved_query"]


def __getattr__(name: str):
    if name in __all__:
        return getattr(importlib.import_module(f"{__name__}.queries"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
