"""Settings of the test OpenID provider (see the package docstring). Its state is a SQLite file in `OIDC_TEST_ROOT`."""

import os

ROOT = os.environ["OIDC_TEST_ROOT"]
SITE_URL = os.environ["OIDC_TEST_SITE_URL"]  # http://127.0.0.1:<port>: the issuer is SITE_URL + "/openid"
SECRET_KEY = "test-oidc-provider-not-for-production"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
USE_TZ = True
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "oidc_provider",
    "nautobot.core.testing.oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "nautobot.core.testing.oidc_provider.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(ROOT, "provider.sqlite3")}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
LOGIN_URL = "/accounts/login/"
OIDC_USERINFO = "nautobot.core.testing.oidc_provider.claims.userinfo"
OIDC_EXTRA_SCOPE_CLAIMS = "nautobot.core.testing.oidc_provider.claims.GroupsClaims"
OIDC_IDTOKEN_PROCESSING_HOOK = "nautobot.core.testing.oidc_provider.claims.id_token_roles"
