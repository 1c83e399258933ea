"""WSGI application. Safe for pre-forking servers (uWSGI, gunicorn --preload).

The app is loaded once in the uWSGI master and shared by its forked workers. No database or cache
connection may cross that fork: we close every connection at the end of loading, and each new
worker discards (without closing, which would end the master's session) anything it inherited.
"""

import nautobot

nautobot.setup()

from django.core.cache import caches  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connections  # noqa: E402


def served_under(app, prefix: str):
    """`app` taking requests under the URL prefix `prefix` (`FORCE_SCRIPT_NAME`, e.g. "/nautobot"): a front end that
    passes the full path (nginx's `uwsgi_pass` in a `location /nautobot/`) has the prefix taken off `PATH_INFO`, so
    the URLs resolve; one that strips it already changes nothing. Django adds the prefix to every URL it makes."""
    prefix = prefix.rstrip("/")
    if not prefix:
        return app

    def application(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == prefix or path.startswith(prefix + "/"):
            environ["PATH_INFO"] = path[len(prefix) :] or "/"
        return app(environ, start_response)

    return application


from django.conf import settings  # noqa: E402

application = served_under(get_wsgi_application(), settings.FORCE_SCRIPT_NAME or "")

import nautobot.core.graphql.schema  # noqa: E402,F401  (build the GraphQL schema once, before uWSGI forks)
from nautobot.core import prefork  # noqa: E402
from nautobot.core.prometheus import release_metric_files  # noqa: E402

# Kept so that the garbage collector never finalizes (and so terminates) a connection of the master.
_inherited: list = []


def close_connections_before_fork() -> None:
    """Close the loading process's connections so that nothing is inherited by workers."""
    connections.close_all()
    caches.close_all()


def forget_inherited_connections() -> None:
    """In a freshly forked worker, drop inherited connection objects without touching their sockets."""
    for conn in connections.all(initialized_only=True):
        if conn.connection is not None:
            _inherited.append(conn.connection)
            conn.connection = None
    for cache in caches.all(initialized_only=True):
        client = getattr(cache, "_cache", None)
        pool = getattr(client, "_pools", None)
        if pool:
            _inherited.append(dict(pool))
            pool.clear()


# Build what workers would each build lazily, then freeze the heap (see nautobot.core.prefork).
release_metric_files()  # none inherited by the workers (see there)
prefork.prepare()
close_connections_before_fork()

try:  # only inside uWSGI
    import uwsgi  # type: ignore[import-not-found]

    def _post_fork() -> None:
        forget_inherited_connections()
        prefork.after_fork()

    uwsgi.post_fork_hook = _post_fork
except ImportError:
    pass
