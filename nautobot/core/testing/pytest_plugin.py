"""pytest plugin (loaded with `-p`, before pytest-django reads settings): use the test configuration.

Every run gets its own `NAUTOBOT_TEST_RUN_ID` (database names) and `NAUTOBOT_ROOT`; so does every worker
of a parallel run (pytest-xdist, `-n`: workers inherit the controller's environment, so its id gets the
worker's name appended).

Shared fixtures (Django is set up only when one is used; a test module's own fixture of the same name wins):
- `admin_user`: a superuser named `admin`;
- `admin`: a web UI client signed in as `admin_user`;
- `api`: a REST client (`TokenClient`) with a write-enabled token of `admin_user`;
- `nobody`: a web UI client signed in as a user without any permission.
"""

import os
import secrets
import tempfile

import pytest

os.environ.setdefault("NAUTOBOT_TEST_RUN_ID", f"t{os.getpid()}_{secrets.token_hex(3)}")
os.environ.setdefault("NAUTOBOT_ROOT", tempfile.mkdtemp(prefix="nautobot-test-root-"))
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER")  # set before a worker loads its plugins
if _xdist_worker and not os.environ["NAUTOBOT_TEST_RUN_ID"].endswith(f"_{_xdist_worker}"):
    os.environ["NAUTOBOT_TEST_RUN_ID"] += f"_{_xdist_worker}"
    os.environ["NAUTOBOT_ROOT"] = tempfile.mkdtemp(prefix=f"nautobot-test-root-{_xdist_worker}-")
os.environ["NAUTOBOT_CONFIG"] = os.path.join(os.path.dirname(__file__), "nautobot_config.py")


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")


@pytest.fixture
def admin(admin_user):
    from nautobot.core.testing.api import signed_in

    return signed_in(admin_user)


@pytest.fixture
def api(admin_user):
    from nautobot.core.permissions import get_token_model
    from nautobot.core.testing.api import TokenClient

    return TokenClient(get_token_model().objects.create(user=admin_user).key)


@pytest.fixture
def nobody(django_user_model):
    from nautobot.core.testing.api import signed_in

    return signed_in(django_user_model.objects.create_user("nobody", "nobody@example.com", "pw"))


@pytest.fixture(autouse=True)
def _graphql_fields_follow_rollbacks():
    """A test that saved a custom field, computed field or relationship has it rolled back: GraphQL reads the
    definitions again at its next query, as it would after a delete (no signal tells it about a rollback)."""
    from nautobot.core.graphql import dynamic

    before = dynamic.generation()
    yield
    if dynamic.generation() != before:
        dynamic.forget()
