"""Webhooks: HTTP calls to other systems when objects change, never lost and never sent for a rolled-back change.

The outbox (outbox.py) writes one `WebhookDelivery` per change and subscribed webhook inside the
change's transaction and hands it to the broker after commit; a periodic sweep re-sends what the
broker never took. Workers deliver (delivery.py) with timeouts, retries and a record per attempt.
"""
