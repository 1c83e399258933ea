"""Nautobot 1.x's `nautobot.utilities` paths, which apps written for 1.x import.

A façade: each module here only re-exports names from the module that implements them (in `nautobot.core`
or an app), so there is one implementation of each thing and this package holds no logic. Nothing in
`nautobot` imports from here (an import-linter contract in pyproject.toml): our own code imports the homes.
"""
