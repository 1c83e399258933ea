"""`/metrics` (with `METRICS_ENABLED`, unauthenticated as on 1.x): Prometheus text of this process's metrics
(prometheus_client's default registry, or every worker's with `PROMETHEUS_MULTIPROC_DIR`) plus the metrics apps
register (`registry.app_metrics`, 1.x plugins' `metrics`), collected at each scrape."""

import logging
import os
import time

from django.http import HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily

from nautobot.core.registry import registry

logger = logging.getLogger(__name__)


class AppMetricsCollector:
    """Runs every registered metric function; one that fails is logged and left out of the scrape."""

    def collect(self):
        start = time.monotonic()
        for entry in registry.app_metrics:
            try:
                yield from entry.collect()
            except Exception:
                logger.exception("App metric %s failed", getattr(entry.collect, "__qualname__", entry.collect))
        gauge = GaugeMetricFamily("nautobot_app_metrics_processing_ms", "Time in ms to generate the app metrics")
        gauge.add_metric([], (time.monotonic() - start) * 1000)
        yield gauge


def _process_registry():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR") or os.environ.get("prometheus_multiproc_dir"):
        collected = CollectorRegistry()
        multiprocess.MultiProcessCollector(collected)
        return collected
    return REGISTRY


def metrics_view(request) -> HttpResponse:
    apps = CollectorRegistry(auto_describe=True)
    apps.register(AppMetricsCollector())
    body = generate_latest(_process_registry()) + generate_latest(apps)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
