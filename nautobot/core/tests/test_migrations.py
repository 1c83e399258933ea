"""Every model change has its migration (CI fails on a forgotten `makemigrations`)."""

import pytest
from django.apps import apps
from django.core.management import call_command

# Its migration is written as the original's `makemigrations` (Django 3.2) wrote it: `test_app_api_models` checks
# that it differs from the models only in spelling Django 5 reads differently, without a schema change.
WRITTEN_FOR_1X = {"example_app_1x"}


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    labels = [config.label for config in apps.get_app_configs() if config.label not in WRITTEN_FOR_1X]
    call_command("makemigrations", *labels, "--check", "--dry-run", verbosity=0)
