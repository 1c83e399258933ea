"""The login page: Django's, saying so when failed sign-ins are limited (`nautobot.core.login_limits`)."""

from django.contrib.auth import views as auth_views

from nautobot.core import login_limits


class LoginView(auth_views.LoginView):
    """Django's login view; an attempt refused by the failed-login limit answers 429 with the limit's message."""

    template_name = "nautobot/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        seconds = getattr(self.request, "login_refused_for", 0)
        if not seconds:
            return super().form_invalid(form)
        context = self.get_context_data(form=form, refused=login_limits.message(seconds))
        response = self.render_to_response(context, status=429)
        response["Retry-After"] = str(seconds)
        return response
