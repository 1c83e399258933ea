"""The stable app developer API of Nautobot 1.5+/1.6 (`nautobot.apps.*`).

A façade: each module here only re-exports names from the module that implements them, so there is one
implementation of each thing and this package holds no logic. Nothing in `nautobot` imports from here (an
import-linter contract in pyproject.toml): our own code imports the homes.
"""

from nautobot.extras.plugins import NautobotAppConfig

__all__ = ["NautobotAppConfig"]
