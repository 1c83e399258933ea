"""The embedded default's message broker: kombu's SQLAlchemy transport on a SQLite file, polled every 0.1 s.

kombu's own SQLAlchemy transport waits a fixed second between polls of an empty queue, so a job or webhook
started from the web service waited up to 1 s before a worker saw it. Its `polling_interval` can't be set
through `broker_transport_options` (the transport hands every option to `create_engine()`), so this module
registers a subclass under the URL scheme `nautobot-sqla+sqlite:///...`, which the embedded settings use.
"""

from kombu.transport import TRANSPORT_ALIASES
from kombu.transport.sqlalchemy import Transport as SQLAlchemyTransport

SCHEME = "nautobot-sqla"
POLLING_INTERVAL = 0.1


class Transport(SQLAlchemyTransport):
    """kombu's SQLAlchemy transport with a short wait between polls of an empty queue."""

    polling_interval = POLLING_INTERVAL


def register() -> None:
    TRANSPORT_ALIASES.setdefault(SCHEME, f"{__name__}:Transport")
