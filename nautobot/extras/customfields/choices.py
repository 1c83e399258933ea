"""The types and filter logics of custom fields."""

from django.db import models


class CustomFieldType(models.TextChoices):
    TEXT = "text", "Text"
    INTEGER = "integer", "Integer"
    BOOLEAN = "boolean", "Boolean (true/false)"
    DATE = "date", "Date"
    URL = "url", "URL"
    SELECT = "select", "Selection"
    MULTISELECT = "multi-select", "Multiple selection"
    JSON = "json", "JSON"
    MARKDOWN = "markdown", "Markdown"  # text (validated and filtered as text), written in Markdown


class CustomFieldFilterLogic(models.TextChoices):
    DISABLED = "disabled", "Disabled"
    LOOSE = "loose", "Loose"
    EXACT = "exact", "Exact"
