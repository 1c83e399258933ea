"""The embedded default's broker URL resolves to our SQLAlchemy transport, which polls an empty queue every 0.1 s."""

import threading

from kombu import Connection

import nautobot.core.celery  # noqa: F401  (registers the transport's URL scheme)
from nautobot.core.celery.embedded import POLLING_INTERVAL, Transport


def test_scheme_resolves_to_short_polling_transport(tmp_path):
    with Connection(f"nautobot-sqla+sqlite:///{tmp_path / 'broker.sqlite3'}") as conn:
        assert isinstance(conn.transport, Transport)
        assert conn.transport.polling_interval == POLLING_INTERVAL < 1


def test_message_round_trip_through_sqlite_file(tmp_path):
    url = f"nautobot-sqla+sqlite:///{tmp_path / 'broker.sqlite3'}"
    received = []

    def consume():
        with Connection(url) as conn:
            queue = conn.SimpleQueue("roundtrip")
            message = queue.get(timeout=10)
            received.append(message.payload)
            message.ack()
            queue.close()

    consumer = threading.Thread(target=consume)
    consumer.start()
    with Connection(url) as conn:
        queue = conn.SimpleQueue("roundtrip")
        queue.put({"hello": "worker"})
        queue.close()
    consumer.join(15)
    assert received == [{"hello": "worker"}]
