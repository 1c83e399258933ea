"""Tenants (who an object belongs to) and their groups."""

from django.db import models

from nautobot.core.models import NameSlugDescriptionModel, OrganizationalModel, PrimaryModel
from nautobot.core.models.trees import TreeModel


class TenantGroup(TreeModel, NameSlugDescriptionModel, OrganizationalModel):
    class Meta:
        ordering = ("name",)


class Tenant(PrimaryModel):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    group = models.ForeignKey(TenantGroup, on_delete=models.SET_NULL, related_name="tenants", blank=True, null=True)
    description = models.CharField(max_length=200, blank=True)
    comments = models.TextField(blank=True)

    class Meta:
        ordering = ("group__name", "name")

    def __str__(self) -> str:
        return self.name
