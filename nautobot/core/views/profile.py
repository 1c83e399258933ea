"""The signed-in user's own pages: profile, API tokens (create and revoke), password change (local users),
preferences (page size, time zone, theme) and signed-in sessions (list and sign out)."""

import functools
import zoneinfo

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from nautobot.core.authentication import has_local_password
from nautobot.core.forms import BootstrapMixin
from nautobot.core.middleware import TIMEZONE_PREFERENCE
from nautobot.core.models.sessions import UserSession
from nautobot.core.permissions import get_token_model
from nautobot.core.runtime_settings import get_settings_or_config
from nautobot.core.user_sessions import RECORD as SESSION_RECORD
from nautobot.core.user_sessions import sessions_revoke, sessions_revoke_others, user_sessions
from nautobot.core.views.context import THEME_PREFERENCE, THEMES
from nautobot.core.views.objects import per_page_choices
from nautobot.core.views.paginator import PAGE_SIZE_PREFERENCE

Token = get_token_model()


class TokenForm(forms.ModelForm):
    class Meta:
        model = Token
        fields = ("description", "write_enabled", "expires")
        widgets = {
            "description": forms.TextInput(attrs={"class": "form-control"}),
            "write_enabled": forms.CheckboxInput(attrs={"class": "form-check-input"}),
            "expires": forms.DateTimeInput(attrs={"class": "form-control", "type": "datetime-local"}),
        }


def profile(request):
    return render(request, "nautobot/profile.html", {"active_tab": "profile"})


def tokens(request):
    """List the user's tokens; POST creates one and shows its key once, highlighted."""
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        created = form.save(commit=False)
        created.user = request.user
        created.save()
        messages.success(request, "Token created. Copy the key now; it is shown in full only on this page.")
        form = TokenForm()
    context = {
        "tokens": request.user.tokens.order_by("-created"),
        "form": form,
        "created": created,
        "active_tab": "tokens",
    }
    return render(request, "nautobot/tokens.html", context)


@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(Token, pk=pk, user=request.user)
    token.delete()
    messages.success(request, f"Token {token.key[-6:]} revoked.")
    return HttpResponseRedirect(reverse("user:tokens"))


# Password ---------------------------------------------------------------------------------------------------------


class PasswordChangeForm(BootstrapMixin, auth_forms.PasswordChangeForm):
    """Django's form; AUTH_PASSWORD_VALIDATORS' messages go beside "New password", where their rules are listed."""

    def clean(self):
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        password = self.cleaned_data.get("new_password1")
        if password and self.user.check_password(password) and "new_password1" not in self.errors:
            self.add_error("new_password1", "Choose a password different from the current one.")
        return forms.Form.clean(self)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's own local password: the current one is required, this session stays signed in (Django's
    `update_session_auth_hash`), every other session of the user is signed out, and an admin's "must change
    password" mark is cleared. A user whose password is managed elsewhere (LDAP, SSO, a proxy) is told so."""

    form_class = PasswordChangeForm
    template_name = "nautobot/password.html"
    extra_context = {"active_tab": "password"}

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_local_password(request.user):
            status = 200 if request.method in ("GET", "HEAD") else 403
            return render(request, self.template_name, {**self.extra_context, "managed_elsewhere": True}, status=status)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        form.user.must_change_password = False  # saved with the password by Django's view
        response = super().form_valid(form)
        signed_out = sessions_revoke_others(user=form.user, request=self.request)
        others = f" {signed_out} other session{pluralize(signed_out)} signed out." if signed_out else ""
        messages.success(self.request, f"Your password was changed.{others}")
        return response

    def get_success_url(self) -> str:
        target = self.request.POST.get("next") or self.request.GET.get("next")
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={self.request.get_host()}):
            return target
        return reverse("user:profile")


password = PasswordChangeView.as_view()


# Preferences ------------------------------------------------------------------------------------------------------


@functools.cache
def timezone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class PreferencesForm(BootstrapMixin, forms.Form):
    per_page = forms.TypedChoiceField(
        label="Rows per page", coerce=int, required=False, help_text="Of every list (a page's own choice also sets it)."
    )
    timezone = forms.ChoiceField(
        label="Time zone", required=False, help_text="Dates and times on pages are shown in it."
    )
    theme = forms.ChoiceField(label="Theme", choices=THEMES)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        default = get_settings_or_config("PAGINATE_COUNT")
        self.fields["per_page"].choices = [("", f"Default ({default})")] + [(n, n) for n in per_page_choices()]
        self.fields["timezone"].choices = [("", f"Default ({settings.TIME_ZONE})"), *timezone_choices()]
        self.initial = {
            "per_page": user.get_config(PAGE_SIZE_PREFERENCE),
            "timezone": user.get_config(TIMEZONE_PREFERENCE),
            "theme": user.get_config(THEME_PREFERENCE, "system"),
        }

    def save(self, user) -> None:
        """Set the chosen preferences on `user` (an empty choice removes its preference) and save them."""
        for path, value in (
            (PAGE_SIZE_PREFERENCE, self.cleaned_data["per_page"]),
            (TIMEZONE_PREFERENCE, self.cleaned_data["timezone"]),
            (THEME_PREFERENCE, self.cleaned_data["theme"]),
        ):
            if value in ("", None):
                user.clear_config(path)
            else:
                user.set_config(path, value)
        user.save(update_fields=["config_data"])


def preferences(request):
    """The user's preferences: the form of page size, time zone and theme; and, as 1.x shows them, every saved
    preference (apps' too) in a table, from which chosen ones are cleared."""
    form = PreferencesForm(request.POST if "_save" in request.POST else None, user=request.user)
    if request.method == "POST":
        if "_clear" in request.POST:
            for path in request.POST.getlist("clear"):
                request.user.clear_config(path)
            request.user.save(update_fields=["config_data"])
            messages.success(request, "The chosen preferences were cleared.")
            return HttpResponseRedirect(reverse("user:preferences"))
        if form.is_valid():
            form.save(request.user)
            messages.success(request, "Your preferences were saved.")
            return HttpResponseRedirect(reverse("user:preferences"))
    context = {"form": form, "saved": sorted(request.user.all_config().items()), "active_tab": "preferences"}
    return render(request, "nautobot/preferences.html", context)


@require_POST
def preferences_theme(request):
    """Save the theme the page's ◐ button (or the profile's buttons) just switched to: 204, or 400 for no theme."""
    theme = request.POST.get("theme")
    if theme not in dict(THEMES):
        return HttpResponseBadRequest(f"Unknown theme {theme!r}: choose one of {', '.join(dict(THEMES))}.")
    request.user.set_config(THEME_PREFERENCE, theme, commit=True)
    return HttpResponse(status=204)


# Sessions ---------------------------------------------------------------------------------------------------------


def sessions(request):
    """The user's signed-in sessions, this one marked, each with a button that signs it out."""
    context = {
        "sessions": user_sessions(request.user),
        "current": request.session.get(SESSION_RECORD),
        "active_tab": "sessions",
    }
    return render(request, "nautobot/sessions.html", context)


@require_POST
def session_revoke(request, pk):
    record = get_object_or_404(UserSession, pk=pk, user=request.user)
    if str(record.pk) == request.session.get(SESSION_RECORD):
        logout(request)  # this very session: as the "Log out" button
        return HttpResponseRedirect(reverse("login"))
    sessions_revoke(records=[record])
    messages.success(request, f"The session from {record.address or 'an unknown address'} was signed out.")
    return HttpResponseRedirect(reverse("user:sessions"))


@require_POST
def sessions_revoke_all_others(request):
    count = sessions_revoke_others(user=request.user, request=request)
    messages.success(request, f"{count} other session{pluralize(count)} signed out.")
    return HttpResponseRedirect(reverse("user:sessions"))
