"""Statuses: the lifecycle states (active, planned, ...) a model's `status` may take, and the defaults a fresh
database has."""
