"""`status` in the web UI's generated forms: a select of the statuses the model may use."""

from django import forms
from django.contrib.contenttypes.models import ContentType

from nautobot.extras.statuses.models import Status


def status_form_field(model, *, many: bool, required: bool, label: str) -> forms.Field:
    """A select of the statuses `model` may use (few, so rendered as options, not loaded from the API)."""
    queryset = Status.objects.filter(content_types=ContentType.objects.get_for_model(model)).order_by("name")
    field_class = forms.ModelMultipleChoiceField if many else forms.ModelChoiceField
    return field_class(queryset=queryset, required=required, label=label)
