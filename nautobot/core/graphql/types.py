"""One graphene-django type per registered spec, generated from the model (nothing written per model).

- Scalar fields as graphene-django converts them, except choices: their raw value as a string or
  number (`convert_choices_to_enum = False`), so no enum names can clash across models.
- Foreign keys and one-to-ones as object fields; reverse relations and many-to-many as lists; only
  relations whose other end has a spec (see `relations`). `status` is thus the `StatusType` object.
  A reverse foreign key's list takes the related model's filter arguments, as the original's
  (`devices { interfaces(name__ic: "eth") { name } }`); filtered, it is one query per parent object.
- JSON fields as a JSON scalar (the object itself, not a string); `_custom_field_data` as the JSON
  scalar `custom_field_data`; django-taggit `tags` as a list of tags.
- A model field of a type graphene-django cannot convert is left out with a warning, never a crash
  of the whole schema.
- Secrets never leave: write-only API fields (`extra_kwargs`) and `registry.hidden_fields`.
- `ObjectSpec.graphql_unions` become union fields (`assigned_object` of an IP address: an interface or a
  VM interface), resolved to whichever of the named foreign keys is set; the optimizer loads them all.
- `ObjectSpec.graphql_singles` become single-object fields over a to-many relation (an IP address's
  `nat_outside`, one object as in the original 1.x, beside the list `nat_outside_list`): null when the
  relation is empty, a field error when it holds several. The optimizer prefetches the relation.
"""

import functools
import logging
from typing import Any

import graphene
from django.db import models
from graphene.types.generic import GenericScalar
from graphene_django import DjangoObjectType
from graphene_django.converter import convert_django_field
from graphene_django.registry import Registry, get_global_registry
from graphql import GraphQLError

from nautobot.core.graphql.filtering import filter_arguments, filtered
from nautobot.core.graphql.relations import exposed_relations, is_tags
from nautobot.core.models.fields import forward_object, shows_related_objects_by_name
from nautobot.core.registry import registry as core_registry
from nautobot.core.specs import ObjectSpec
from nautobot.core.permissions import restrict

CUSTOM_FIELD_DATA = "_custom_field_data"

registry = Registry()
logger = logging.getLogger(__name__)


def hidden_field_names(spec: type[ObjectSpec]) -> set[str]:
    """Names of model fields that GraphQL must not expose for `spec`'s model."""
    hidden = {name for name, options in spec.extra_kwargs.items() if options.get("write_only")}
    declared = core_registry.hidden_fields.get(spec.model._meta.label_lower)
    if declared is not None:
        hidden |= declared.names
    return hidden


def _is_convertible(field: models.Field) -> bool:
    convertible = convert_django_field.dispatch(type(field)) is not convert_django_field.dispatch(object)
    if not convertible:
        logger.warning("GraphQL leaves out %s: no graphene converter for %s.", field, type(field).__name__)
    return convertible


@functools.cache
def scalar_fields(spec: type[ObjectSpec]) -> tuple[models.Field, ...]:
    """Concrete non-relation fields of `spec`'s model that GraphQL shows."""
    hidden = hidden_field_names(spec) | {CUSTOM_FIELD_DATA}
    fields = [f for f in spec.model._meta.concrete_fields if not f.is_relation and f.name not in hidden]
    return tuple(f for f in fields if _is_convertible(f))


def exposed_field_names(spec: type[ObjectSpec]) -> list[str]:
    """Model fields (scalars and relations) that graphene-django converts for `spec`'s model."""
    model = spec.model
    hidden = hidden_field_names(spec)
    names = [f.name for f in scalar_fields(spec)]
    names += [name for name, field in exposed_relations(model).items() if not is_tags(field) and name not in hidden]
    return names


def type_name(model: type[models.Model], taken: set[str]) -> str:
    """`DeviceType` -> `DeviceTypeType`; prefixed with the app label when two apps share a model name."""
    name = f"{model.__name__}Type"
    if name in taken:
        name = f"{model._meta.app_label.capitalize()}{model.__name__}Type"
    return name


def _tags_field(tag_model: type[models.Model]) -> graphene.Dynamic:
    def build() -> graphene.Field | None:
        tag_type = registry.get_type_for_model(tag_model)
        return graphene.List(graphene.NonNull(tag_type), required=True) if tag_type else None

    return graphene.Dynamic(build)


_unions: dict[str, type[graphene.Union]] = {}


def _union_field(spec: type[ObjectSpec], name: str, members: tuple[str, ...]) -> graphene.Dynamic:
    """A field `name` whose type is the union of the types of the relations `members` (built lazily)."""
    models_by_member = {member: spec.model._meta.get_field(member).related_model for member in members}

    def build() -> graphene.Field | None:
        member_types = [registry.get_type_for_model(model) for model in models_by_member.values()]
        if any(t is None for t in member_types):
            return None
        union_name = "".join(part.capitalize() for part in name.split("_")) + "Type"
        union = _unions.get(union_name)
        if union is None or set(union._meta.types) != set(member_types):
            if union is not None:
                union_name = f"{spec.model.__name__}{union_name}"
            by_model = dict(zip(models_by_member.values(), member_types, strict=True))
            union = type(
                union_name,
                (graphene.Union,),
                {
                    "Meta": type("Meta", (), {"types": tuple(member_types)}),
                    "resolve_type": classmethod(lambda cls, instance, info: by_model.get(type(instance))),
                    "__module__": __name__,
                },
            )
            _unions[union_name] = union
        return graphene.Field(union, description=f"One of: {', '.join(members)}")

    return graphene.Dynamic(build)


def _forward_resolver(name: str, root, info):
    return forward_object(root, name)


def _union_resolver(members: tuple[str, ...]):
    def resolve(root, info):
        for member in members:
            if getattr(root, f"{member}_id") is not None:
                return forward_object(root, member)
        return None

    return staticmethod(resolve)


def _single_field(spec: type[ObjectSpec], relation: str) -> graphene.Dynamic:
    related_model = exposed_relations(spec.model)[relation].related_model

    def build() -> graphene.Field | None:
        related_type = registry.get_type_for_model(related_model)
        if related_type is None:
            return None
        return graphene.Field(related_type, description=f"The only one of {relation} (an error if there are several)")

    return graphene.Dynamic(build)


def _single_resolver(name: str, relation: str):
    def resolve(root, info):
        manager = getattr(root, relation)
        if relation in getattr(root, "_prefetched_objects_cache", {}):
            objects = list(manager.all())  # loaded by the optimizer, already restricted to what may be viewed
        else:
            objects = list(restrict(manager.all(), info.context.user, "view")[:2])
        if len(objects) > 1:
            raise GraphQLError(f"{root} has several {relation.replace('_', ' ')}; query {relation} instead of {name}.")
        return objects[0] if objects else None

    return staticmethod(resolve)


def _filtered_list_field(related_model: type[models.Model]) -> graphene.Dynamic:
    """A reverse relation's list that takes the related model's filter arguments (`interfaces(name__ic: "eth")`)."""

    def build() -> graphene.Field | None:
        related_type = registry.get_type_for_model(related_model)
        if related_type is None:
            return None
        arguments = {k: v for k, v in filter_arguments(related_model).items() if k not in ("limit", "offset")}
        return graphene.Field(graphene.List(graphene.NonNull(related_type)), args=arguments)

    return graphene.Dynamic(build)


def _filtered_list_resolver(relation: str, related_model: type[models.Model]):
    def resolve(root, info, **arguments):
        manager = getattr(root, relation)
        arguments = {k: v for k, v in arguments.items() if v is not None}
        if not arguments and relation in getattr(root, "_prefetched_objects_cache", {}):
            return manager.all()  # loaded by the optimizer, already restricted to what may be viewed
        queryset = restrict(manager.all(), info.context.user, "view")
        return filtered(related_model, queryset, arguments, info.context) if arguments else queryset

    return staticmethod(resolve)


def _extra_attributes(spec: type[ObjectSpec]) -> dict[str, Any]:
    """Fields graphene-django does not derive as we want: JSON, custom field data and tags."""
    model = spec.model
    attrs: dict[str, Any] = {f.name: GenericScalar() for f in scalar_fields(spec) if isinstance(f, models.JSONField)}
    field_names = {f.name for f in model._meta.get_fields()}
    if CUSTOM_FIELD_DATA in field_names:
        attrs["custom_field_data"] = GenericScalar(description="Custom field values by field name")
        attrs["resolve_custom_field_data"] = staticmethod(lambda root, info: getattr(root, CUSTOM_FIELD_DATA))
    tags = next((f for f in exposed_relations(model).values() if is_tags(f)), None)
    if tags is not None:
        attrs[tags.name] = _tags_field(tags.related_model)
        attrs[f"resolve_{tags.name}"] = staticmethod(lambda root, info: getattr(root, tags.name).all())
    hidden = hidden_field_names(spec)
    for name, field in exposed_relations(model).items():
        # Reverse foreign keys take their model's filters, as the original's (`devices { interfaces(name__ic: "eth") }`).
        if field.one_to_many and not is_tags(field) and name not in hidden:
            attrs[name] = _filtered_list_field(field.related_model)
            attrs[f"resolve_{name}"] = _filtered_list_resolver(name, field.related_model)
    for name, field in exposed_relations(model).items():
        # A foreign key whose attribute is 1.x's manager (`IPAddress.interface`) is still its object here.
        if field.many_to_one and shows_related_objects_by_name(model, field.name):
            attrs[f"resolve_{name}"] = staticmethod(functools.partial(_forward_resolver, field.name))
    for name, members in spec.graphql_unions.items():
        attrs[name] = _union_field(spec, name, members)
        attrs[f"resolve_{name}"] = _union_resolver(members)
    for name, relation in spec.graphql_singles.items():
        attrs[name] = _single_field(spec, relation)
        attrs[f"resolve_{name}"] = _single_resolver(name, relation)
    attrs.update(spec.graphql_fields)
    return attrs


def build_type(spec: type[ObjectSpec], name: str) -> type[DjangoObjectType]:
    """Generate the graphene type of `spec`'s model, registered in this module's `registry`."""
    meta = type(
        "Meta",
        (),
        {
            "model": spec.model,
            "fields": exposed_field_names(spec),
            "convert_choices_to_enum": False,
            "registry": registry,
            "description": f"{spec.model._meta.verbose_name} ({spec.model._meta.label})",
        },
    )
    attrs = {"Meta": meta, "__module__": __name__, **_extra_attributes(spec)}
    return type(name, (DjangoObjectType,), attrs)


def build_types(specs: list[type[ObjectSpec]]) -> dict[type[models.Model], type[DjangoObjectType]]:
    """Return the type of every spec's model (built once; later calls reuse the registry)."""
    types: dict[type[models.Model], type[DjangoObjectType]] = {}
    taken: set[str] = set()
    declared = get_global_registry()
    for spec in specs:
        # A type an app declared itself (a plugin's `graphql_types`) replaces the generated one.
        existing = declared.get_type_for_model(spec.model) or registry.get_type_for_model(spec.model)
        if existing is None:
            existing = build_type(spec, type_name(spec.model, taken))
        taken.add(existing.__name__)
        types[spec.model] = existing
    # Declared types follow their relations through graphene-django's global registry: give them ours.
    for model, graphql_type in types.items():
        declared._registry.setdefault(model, graphql_type)
    return types


class OptimizedNautobotObjectType(DjangoObjectType):
    """Base of the GraphQL types 1.x apps declare (`graphql_types`): a graphene-django type of one model, which
    replaces the type we would generate for it; its lists are restricted to what the user may view, like ours."""

    class Meta:
        abstract = True

    @classmethod
    def get_queryset(cls, queryset, info):
        return restrict(queryset, getattr(info.context, "user", None), "view")
