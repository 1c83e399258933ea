"""The login page: Django's LoginView, with a button per single sign-on provider (`nautobot.core.sso`), saying so
when failed sign-ins are limited (`nautobot.core.login_limits`)."""

from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from social_django.views import auth as social_auth_begin

from nautobot.core import login_limits
from nautobot.core.sso import providers


class LoginView(auth_views.LoginView):
    """Django's login view; an attempt refused by the failed-login limit answers 429 with the limit's message."""

    template_name = "nautobot/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_providers"] = providers()
        return context

    def form_invalid(self, form):
        seconds = getattr(self.request, "login_refused_for", 0)
        if not seconds:
            return super().form_invalid(form)
        context = self.get_context_data(form=form, refused=login_limits.message(seconds))
        response = self.render_to_response(context, status=429)
        response["Retry-After"] = str(seconds)
        return response


def sso_begin(request, backend: str):
    """`/login/<backend>/`: a POST (the login page's button) starts single sign-on; a GET (a bookmark, a link from
    1.x days, when social-auth started on GET) goes to the login page, whose button signs in: starting on GET would
    let another site sign a browser in unasked (login CSRF)."""
    if request.method == "POST":
        return social_auth_begin(request, backend)
    next_url = request.GET.get("next")
    return HttpResponseRedirect(reverse("login") + (f"?{urlencode({'next': next_url})}" if next_url else ""))
