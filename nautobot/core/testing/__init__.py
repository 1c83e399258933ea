"""Helpers for tests that run real services and processes (databases, brokers, uWSGI, workers)."""
