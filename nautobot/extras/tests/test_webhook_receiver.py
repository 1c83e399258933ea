"""`nautobot-server webhook_receiver` prints what it receives and checks signatures."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from nautobot.core.testing.processes import free_port, wait_for
from nautobot.extras.webhooks.delivery import sign

SERVER = str(Path(sys.executable).parent / "nautobot-server")


@pytest.mark.slow  # starts `nautobot-server webhook_receiver` (Django set-up in a process)
def test_webhook_receiver_prints_calls_and_checks_signatures(tmp_path):
    port = free_port()
    log = tmp_path / "receiver.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [SERVER, "webhook_receiver", "--port", str(port), "--secret", "k3y"],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
    try:
        wait_for(lambda: "Listening on" in log.read_text(), timeout=60, what="the receiver")
        body = b'{"event": "created", "data": {"name": "ams01"}}'
        good = requests.post(
            f"http://127.0.0.1:{port}/hook", data=body, headers={"X-Hook-Signature": sign(body, "k3y")}, timeout=10
        )
        bad = requests.post(
            f"http://127.0.0.1:{port}/hook", data=body, headers={"X-Hook-Signature": "0" * 128}, timeout=10
        )
        assert good.status_code == bad.status_code == 200
        wait_for(lambda: "[2] POST /hook" in log.read_text(), timeout=10, what="both calls printed")
        text = log.read_text()
        assert "Signature: valid" in text and "Signature: INVALID" in text
        assert '"name": "ams01"' in text
    finally:
        process.terminate()
        process.wait(timeout=10)
