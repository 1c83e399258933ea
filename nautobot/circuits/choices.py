"""Enumerations of the circuits models (stored values are the original's)."""

from django.db import models


class CircuitTerminationSideChoices(models.TextChoices):
    SIDE_A = "A", "A"
    SIDE_Z = "Z", "Z"
