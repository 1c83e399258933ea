"""`/api/core/filterset-fields/lookup-choices/` and `/lookup-value-dom-element/` (1.5+): what a filter form offers
for one filter of a model. `?content_type=dcim.device&field_name=name` answers the filter's lookup variants
(`name`, `name__ic`, `name__n`...) with readable labels, as a one-page list, or the HTML input of its value. Both
read the model's filterset (the one every list, the UI and GraphQL use)."""

import re

from django import forms
from django.contrib.contenttypes.models import ContentType
from django_filters.utils import verbose_lookup_expr
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from nautobot.core.filters import filterset_for

LOOKUP_SUFFIX = re.compile(r"(?<=__)\w+")


class BadLookupRequest(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def model_and_filters(params) -> tuple[str, dict]:
    """`(field_name, the model's filters)` from the query; `BadLookupRequest` saying what is wrong."""
    content_type, field_name = params.get("content_type"), params.get("field_name")
    if not content_type or not field_name:
        raise BadLookupRequest("content_type and field_name are required parameters")
    app_label, _, model_name = content_type.lower().partition(".")
    found = ContentType.objects.filter(app_label=app_label, model=model_name).first()
    model = found.model_class() if found else None
    if model is None:
        raise BadLookupRequest(f"content_type not found: {content_type}", 404)
    try:
        filters = filterset_for(model)().filters
    except LookupError:
        raise BadLookupRequest(f"{content_type} has no filters", 404) from None
    if field_name not in filters:
        raise BadLookupRequest("field_name not found", 404)
    return field_name, filters


def lookup_label(name: str, lookup_expr: str) -> str:
    """`name__ic` → "contains (ic)", `name__n` → "not exact (n)", `name` → "exact"."""
    verbose = verbose_lookup_expr(lookup_expr) or "exact"
    found = LOOKUP_SUFFIX.search(name)
    suffix = f" ({found.group()})" if found else ""
    return ("not " if suffix.startswith(" (n") else "") + verbose + suffix


class FilterFieldView(APIView):
    """Reads `content_type` and `field_name` (a 400/404 saying what is wrong), then `answer()`s."""

    permission_classes = [IsAuthenticated]

    def get(self, request):
        try:
            field_name, filters = model_and_filters(request.GET)
        except BadLookupRequest as exc:
            return Response(str(exc), status=exc.status)
        return Response(self.answer(field_name, filters))


class LookupChoicesView(FilterFieldView):
    def answer(self, field_name: str, filters: dict) -> dict:
        if field_name.startswith("has_"):
            choices = [{"id": field_name, "name": "exact"}]
        else:
            choices = [
                {"id": name, "name": lookup_label(name, getattr(f, "lookup_expr", "exact"))}
                for name, f in filters.items()
                if name == field_name or re.sub(r"__\w+", "", name) == field_name
            ]
        return {"count": len(choices), "next": None, "previous": None, "results": choices}


class LookupValueDomElementView(FilterFieldView):
    def answer(self, field_name: str, filters: dict) -> dict:
        field = filters[field_name].field
        inner = getattr(field, "inner", field)  # a multi-value filter's field of one value
        choices = list(getattr(inner, "choices", None) or [(v, v) for v in getattr(inner, "values", {})])
        if choices:
            widget = forms.SelectMultiple(choices=choices, attrs={"class": "form-select"})
        elif isinstance(field.widget, forms.MultipleHiddenInput):  # a multi-value filter: typed in as text
            widget = forms.TextInput(attrs={"class": "form-control"})
        else:
            widget = field.widget
        html = widget.render(field_name, None, attrs={"id": f"id_for_{field_name}"})
        return {"dom_element": str(html)}
