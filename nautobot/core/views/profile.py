"""The signed-in user's own pages: profile, preferences and API tokens (create and revoke)."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nautobot.core.permissions import get_token_model

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
