"""1.x's `nautobot.tenancy.forms`: the tenant choosers other models' forms mix in (`TenancyForm`, `TenancyFilterForm`)."""

from django import forms

from nautobot.core.forms import DynamicModelChoiceField, DynamicModelMultipleChoiceField
from nautobot.tenancy.models import Tenant, TenantGroup


class TenancyForm(forms.Form):
    """`tenant_group` narrows the `tenant` chooser; only `tenant` is a field of the model."""

    tenant_group = DynamicModelChoiceField(
        queryset=TenantGroup.objects.all(), required=False, null_option="None", initial_params={"tenants": "$tenant"}
    )
    tenant = DynamicModelChoiceField(
        queryset=Tenant.objects.all(), required=False, query_params={"group_id": "$tenant_group"}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        tenant = getattr(instance, "tenant", None) if instance is not None else None
        if tenant is not None and tenant.group_id and "tenant_group" not in self.initial:
            self.initial["tenant_group"] = tenant.group_id


class TenancyFilterForm(forms.Form):
    """The tenant filters of a list (by slug, as 1.x's filter parameters `tenant_group` and `tenant`)."""

    tenant_group = DynamicModelMultipleChoiceField(
        queryset=TenantGroup.objects.all(), to_field_name="slug", required=False, null_option="None"
    )
    tenant = DynamicModelMultipleChoiceField(
        queryset=Tenant.objects.all(),
        to_field_name="slug",
        required=False,
        null_option="None",
        query_params={"group": "$tenant_group"},
    )
