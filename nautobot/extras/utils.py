"""1.x `nautobot.extras.utils`: model features (`extras_features`, `FeatureQuery`) and small helpers apps call.

The features machinery is the core's (`nautobot.core.models.features`); this module re-exports it under the 1.x
names and adds the helpers that belong to extras.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from nautobot.extras.registry import registry  # noqa: F401  (1.x apps import the registry from here too)
from nautobot.core.models.features import (
    ChangeLoggedModelsQuery,
    FeatureQuery,
    TaggableClassesQuery,
    extras_features,
    model_features,
)

# The page every detail page extends when its model has no template of its own.
GENERIC_DETAIL_TEMPLATE = "generic/object_detail.html"


def get_base_template(base_template: str | None, model: type[models.Model]) -> str:
    """The template a page about `model` extends: `base_template` when given, else `<app_label>/<model_name>.html`
    when it exists, else the generic detail page."""
    if base_template is not None:
        return base_template
    own = f"{model._meta.app_label}/{model._meta.model_name}.html"
    try:
        get_template(own)
    except TemplateDoesNotExist:
        return GENERIC_DETAIL_TEMPLATE
    return own


def get_job_content_type() -> ContentType:
    """The content type of `extras.Job` (job results of jobs point at it)."""
    return ContentType.objects.get(app_label="extras", model="job")


def is_taggable(obj: object) -> bool:
    """Whether `obj` (an object or a model class) can carry tags."""
    model = obj if isinstance(obj, type) else type(obj)
    return model in TaggableClassesQuery().list_subclasses()


__all__ = [
    "ChangeLoggedModelsQuery",
    "FeatureQuery",
    "TaggableClassesQuery",
    "extras_features",
    "get_base_template",
    "get_job_content_type",
    "is_taggable",
    "model_features",
]
