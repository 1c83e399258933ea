"""Shared machinery: settings, CLI, web and worker runtime."""
