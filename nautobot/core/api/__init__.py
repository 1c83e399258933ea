"""REST API machinery: serializers, filters, views and routes derived from model specs."""
