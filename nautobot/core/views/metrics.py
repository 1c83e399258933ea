"""`/metrics` (with `METRICS_ENABLED`): Prometheus text of the web service, as the original's.

One scrape holds this process's metrics (prometheus_client's default registry: django-prometheus's `django_*`,
`process_*`, ...) or, with a multiprocess directory (`nautobot.core.prometheus`), every web process's; then the
metrics of the data computed now (`registry.system_metrics`: ours, `nautobot_*`) and the apps' (`registry.app_metrics`,
1.x plugins' `metrics` hook). With `METRICS_AUTHENTICATED` only a signed-in user or an API token may read it.
"""

import logging
import time

from django.conf import settings
from django.http import HttpResponse
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.views import APIView

from nautobot.core.prometheus import process_registry
from nautobot.core.registry import registry

logger = logging.getLogger(__name__)
# The text format generate_latest() writes, under the name 1.x's answered (prometheus_client 0.2x's
# CONTENT_TYPE_LATEST says version=1.0.0, which older Prometheus servers do not take for this format).
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class StoreCollector:
    """Runs every metric function of a registry store; one that fails is logged and left out of the scrape."""

    def __init__(self, store, timing_metric: str | None = None) -> None:
        self.store, self.timing_metric = store, timing_metric

    def collect(self):
        start = time.monotonic()
        for entry in self.store:
            try:
                yield from entry.collect()
            except Exception:
                logger.exception("Metric %s failed", getattr(entry.collect, "__qualname__", entry.collect))
        if self.timing_metric:
            gauge = GaugeMetricFamily(self.timing_metric, "Time in ms to generate the app metrics")
            gauge.add_metric([], (time.monotonic() - start) * 1000)
            yield gauge


def scrape() -> bytes:
    """The text of one scrape of `/metrics`."""
    computed = CollectorRegistry()  # collected once, at generate_latest (auto_describe would collect at register too)
    computed.register(StoreCollector(registry.system_metrics))
    computed.register(StoreCollector(registry.app_metrics, "nautobot_app_metrics_processing_ms"))
    return generate_latest(process_registry()) + generate_latest(computed)


class MetricsView(APIView):
    """Prometheus text; open to all, or (`METRICS_AUTHENTICATED`) to sessions and API tokens only (else 403)."""

    schema = None

    def get_permissions(self):
        return [IsAuthenticated()] if settings.METRICS_AUTHENTICATED else [AllowAny()]

    def get(self, request) -> HttpResponse:
        return HttpResponse(scrape(), content_type=CONTENT_TYPE)


metrics_view = MetricsView.as_view()
