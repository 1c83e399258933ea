"""The embedded default's message broker: kombu's SQLAlchemy transport on a SQLite file, polled every 0.1 s.

kombu's own SQLAlchemy transport waits a fixed second between polls of an empty queue, so a job or webhook
started from the web service waited up to 1 s before a worker saw it. Its `polling_interval` can't be set
through `broker_transport_options` (the transport hands every option to `create_engine()`), so this module
registers a subclass under the URL scheme `nautobot-sqla+sqlite:///...`, which the embedded settings use.

The subclass (and so SQLAlchemy, ~13 MB) is built on first use: every process registers the scheme, only
those that connect to the embedded broker load it (DESIGN.md, "Memory").
"""

from kombu.transport import TRANSPORT_ALIASES

SCHEME = "nautobot-sqla"
POLLING_INTERVAL = 0.1


def _build_transport() -> type:
    from kombu.transport.sqlalchemy import Transport as SQLAlchemyTransport

    class Transport(SQLAlchemyTransport):
        """kombu's SQLAlchemy transport with a short wait between polls of an empty queue."""

        polling_interval = POLLING_INTERVAL

    Transport.__module__ = __name__
    return Transport


def __getattr__(name: str):
    # `Transport` as a lazy module attribute: kombu resolves the alias with getattr(module, "Transport").
    if name == "Transport":
        transport = globals()["Transport"] = _build_transport()
        return transport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def register() -> None:
    TRANSPORT_ALIASES.setdefault(SCHEME, f"{__name__}:Transport")
