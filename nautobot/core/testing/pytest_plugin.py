"""pytest plugin (loaded with `-p`, before pytest-django reads settings): use the test configuration.

Every run gets its own `NAUTOBOT_TEST_RUN_ID` (database names) and `NAUTOBOT_ROOT`.
"""

import os
import secrets
import tempfile

os.environ.setdefault("NAUTOBOT_TEST_RUN_ID", f"t{os.getpid()}_{secrets.token_hex(3)}")
os.environ.setdefault("NAUTOBOT_ROOT", tempfile.mkdtemp(prefix="nautobot-test-root-"))
os.environ["NAUTOBOT_CONFIG"] = os.path.join(os.path.dirname(__file__), "nautobot_config.py")
