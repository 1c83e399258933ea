"""Relationships: user-defined link types between objects of two models, their associations, and the
`relationships` of objects in the REST API (read with `?include=relationships`, written as a field)."""
