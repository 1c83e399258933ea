"""GraphQL for IPAM: stored IP columns convert to strings (the rest comes from the specs)."""

import graphene
from graphene_django.converter import convert_django_field

from nautobot.ipam.fields import VarbinaryIPField


@convert_django_field.register(VarbinaryIPField)
def _convert_ip(field, registry=None):
    return graphene.String(description=field.help_text or field.verbose_name, required=not field.null)
