"""Config contexts: JSON data given to devices and virtual machines by scope, their JSON Schemas, the rendered
context (REST API, GraphQL, the "Config context" tab) and the local context data of those objects."""
