"""The files of deploy/: systemd units that `systemd-analyze verify` accepts."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
UNITS = sorted(DEPLOY.glob("*.service"))


def test_all_units_are_there():
    names = {unit.name for unit in UNITS}
    assert names == {
        "nautobot.service",
        "nautobot-worker.service",
        "nautobot-rq-worker.service",
        "nautobot-scheduler.service",
    }


@pytest.mark.parametrize("unit", UNITS, ids=lambda p: p.name)
def test_systemd_accepts_unit(unit, tmp_path):
    verify = shutil.which("systemd-analyze")
    assert verify, "systemd-analyze is needed (Debian package systemd)"
    # Units name /opt/nautobot/bin/nautobot-server; point them at this virtualenv's, which systemd can check.
    text = unit.read_text().replace(
        "/opt/nautobot/bin/nautobot-server", str(Path(sys.executable).parent / "nautobot-server")
    )
    (tmp_path / unit.name).write_text(text)
    result = subprocess.run([verify, "verify", str(tmp_path / unit.name)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "nautobot-server" in text and "ExecStart=" in text
