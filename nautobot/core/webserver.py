"""`nautobot-server start`: run uWSGI (pyuwsgi) with our defaults followed by the user's arguments.

The user's arguments come last, so that their ini file or options override the defaults; they are
passed verbatim. `--stop`/`--reload` only signal the master named by a pidfile and load nothing.
"""

import os
import sys

import pyuwsgi

# Requests with long URLs (many filters) or large headers exceed uWSGI's 4 KB default.
DEFAULT_BUFFER_SIZE = 32768
# uWSGI's HTTP router (`http = ...`, e.g. with no nginx in front) forwards a response in writes of this
# size (default: one 4 KB page). On a keep-alive connection each write after the first is a small
# TCP segment that Nagle's algorithm holds until the client's delayed ACK, about 40 ms later: a
# 25 KB API page took 60 ms instead of 20. One write per response up to 256 KB avoids the wait.
DEFAULT_HTTP_BUFFER_SIZE = 262144


def interpreter_path() -> str:
    """Return the virtualenv's python (not its symlink target), so uWSGI's reload re-exec finds our packages."""
    return (
        os.path.join(sys.prefix, "bin", os.path.basename(sys.executable))
        if sys.prefix != sys.base_prefix
        else sys.executable
    )


def default_arguments() -> list[str]:
    """Return the uWSGI options we put before the user's: app module, static files, safe reloads."""
    from django.conf import settings

    arguments = [
        "--strict",
        "--need-app",
        "--module=nautobot.core.wsgi:application",
        f"--binary-path={interpreter_path()}",
        f"--buffer-size={DEFAULT_BUFFER_SIZE}",
        f"--http-buffer-size={DEFAULT_HTTP_BUFFER_SIZE}",
    ]
    static_url = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL
    arguments.append(f"--static-map={static_url.rstrip('/')}={settings.STATIC_ROOT}")
    prefix = (settings.FORCE_SCRIPT_NAME or "").rstrip("/")
    if prefix and not settings.STATIC_URL.startswith("/"):  # served under a sub-path: Django writes /<prefix>/static/
        arguments.append(f"--static-map={prefix}{static_url.rstrip('/')}={settings.STATIC_ROOT}")
    return arguments


def run_uwsgi(user_arguments: list[str]) -> int:
    """Run uWSGI in this process with our defaults and `user_arguments`; return its exit status."""
    from nautobot.core.prometheus import release_metric_files

    arguments = [*default_arguments(), *user_arguments]
    release_metric_files()  # uWSGI may close and reuse their descriptors (on a reload)
    return _run(arguments)


def run_uwsgi_unconfigured(user_arguments: list[str]) -> int:
    """Run uWSGI with `user_arguments` only (for `--stop`, `--reload`, `--help`): no app is loaded."""
    return _run(list(user_arguments))


def _run(arguments: list[str]) -> int:
    status = pyuwsgi.run(arguments)
    return 0 if status is None else int(status)
