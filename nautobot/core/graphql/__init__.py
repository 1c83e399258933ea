"""GraphQL at `/api/graphql/`: types, root query, query optimizer and view, all generated from the specs.

`types` turns every registered spec into a graphene-django type, `schema` adds one plural and one
singular root field per model, `optimizer` derives select/prefetch from the selection set, and
`views` is the DRF endpoint. The schema is built once, when `nautobot.core.graphql.schema` is imported.
"""
