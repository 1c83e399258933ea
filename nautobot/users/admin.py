"""Users, API tokens and object permissions in the Django admin (/admin/; groups come with Django's auth admin)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from nautobot.core.authentication import has_local_password
from nautobot.users.models import ObjectPermission, Token, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "is_superuser",
        "is_staff",
        "is_active",
        "must_change_password",
    )
    list_filter = (*DjangoUserAdmin.list_filter, "must_change_password")
    fieldsets = (
        *DjangoUserAdmin.fieldsets[:1],
        (None, {"fields": ("must_change_password",)}),
        *DjangoUserAdmin.fieldsets[1:],
    )
    actions = ("require_password_change",)

    @admin.action(description="Require a password change at next sign-in")
    def require_password_change(self, request, queryset) -> None:
        """Mark the chosen users with a local password: their pages lead to the change-password page until they
        change it. Users whose password is kept elsewhere (LDAP, SSO: no usable password here) are left alone."""
        local = [user.pk for user in queryset if has_local_password(user)]
        marked = User.objects.filter(pk__in=local).update(must_change_password=True)
        self.message_user(request, f"{marked} user(s) must change their password at their next page view.")
        skipped = queryset.count() - len(local)
        if skipped:
            self.message_user(
                request,
                f"{skipped} user(s) skipped: they sign in through LDAP, SSO or a proxy, and have no password here.",
                level=messages.WARNING,
            )


class TokenAdminForm(forms.ModelForm):
    """A new token's form: its key may be given (or is generated); an existing token's key is never shown again."""

    key = forms.CharField(
        required=False,
        min_length=40,
        max_length=40,
        help_text="Leave empty to generate a new key (40 hexadecimal characters).",
    )

    class Meta:
        model = Token
        fields = ("user", "key", "write_enabled", "expires", "description")


@admin.register(Token)
class TokenAdmin(admin.ModelAdmin):
    form = TokenAdminForm
    list_display = ("key_end", "user", "created", "expires", "write_enabled", "description")
    list_filter = ("write_enabled",)
    search_fields = ("user__username", "description")
    autocomplete_fields = ("user",)

    readonly_fields = ("key_end",)

    def get_fields(self, request, obj=None):
        return ("user", "key", "write_enabled", "expires", "description") if obj is None else (
            "user", "key_end", "write_enabled", "expires", "description"
        )  # fmt: skip

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None:
            kwargs["fields"] = ("user", "write_enabled", "expires", "description")
        return super().get_form(request, obj, **kwargs)

    @admin.display(description="Key")
    def key_end(self, token: Token) -> str:
        return f"…{token.key[-6:]}"


@admin.register(ObjectPermission)
class ObjectPermissionAdmin(admin.ModelAdmin):
    list_display = ("name", "enabled", "object_type_names", "actions", "constraints", "description")
    list_filter = ("enabled",)
    search_fields = ("name", "description")
    filter_horizontal = ("object_types", "groups", "users")

    @admin.display(description="Object types")
    def object_type_names(self, permission: ObjectPermission) -> str:
        return ", ".join(f"{ct.app_label}.{ct.model}" for ct in permission.object_types.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("object_types")
