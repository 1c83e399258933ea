"""`nautobot-server quickstart`: set up and run web service, worker and scheduler on one machine.

Meant for a first look and for development on the embedded default (SQLite, no servers), though it
runs whatever the configuration says. Creates an `admin` user with a random password on first run
and keeps the credentials in `$NAUTOBOT_ROOT/admin-credentials.txt` (mode 0600).
"""

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = "Prepare the database, then run the web service, a Celery worker and the scheduler until Ctrl-C."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8080, help="HTTP port (default 8080)")
        parser.add_argument("--processes", type=int, default=2, help="web worker processes (default 2)")

    def handle(self, *args, **options) -> None:
        call_command("post_upgrade", verbosity=0)
        username, password = self._admin_credentials()
        url = f"http://{options['host']}:{options['port']}/"
        processes = self._spawn(options)
        self.stdout.write(self.style.SUCCESS(f"\nNautobot is running at {url}"))
        self.stdout.write(f"Log in as {username!r} with password {password!r} (saved in {self._credentials_file()}).")
        self.stdout.write("Press Ctrl-C to stop the web service, the worker and the scheduler.\n")
        self._supervise(processes)

    def _credentials_file(self) -> Path:
        return Path(settings.NAUTOBOT_ROOT) / "admin-credentials.txt"

    def _admin_credentials(self) -> tuple[str, str]:
        user_model = get_user_model()
        path = self._credentials_file()
        if path.exists():
            username, _, password = path.read_text().strip().partition(":")
            user = user_model.objects.filter(username=username).first()
            if user is not None and user.check_password(password):
                return username, password
        password = secrets.token_urlsafe(12)
        user, _ = user_model.objects.get_or_create(
            username=ADMIN_USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        path.touch(mode=0o600)
        path.write_text(f"{ADMIN_USERNAME}:{password}\n")
        return ADMIN_USERNAME, password

    def _spawn(self, options: dict) -> dict[str, subprocess.Popen]:
        server = [sys.executable, "-m", "nautobot.core.cli"]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        commands = {
            "web": [
                *server,
                "start",
                "--master",
                f"--http={options['host']}:{options['port']}",
                f"--processes={options['processes']}",
                "--threads=2",
                "--http-keepalive",
                "--single-interpreter",
                "--enable-threads",
                "--die-on-term",
                "--disable-logging",
                "--log-4xx",
                "--log-5xx",
                "--vacuum",
            ],
            "worker": [*server, "celery", "worker", "--loglevel", "INFO", "--concurrency", "2"],
            "scheduler": [*server, "celery", "beat", "--loglevel", "INFO"],
        }
        return {name: subprocess.Popen(command, env=env) for name, command in commands.items()}

    def _supervise(self, processes: dict[str, subprocess.Popen]) -> None:
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        failed = None
        while not stopping and failed is None:
            time.sleep(0.5)
            failed = next((name for name, p in processes.items() if p.poll() is not None), None)
        for process in processes.values():
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + 20
        for process in processes.values():
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                process.kill()
        if failed is not None:
            self.stderr.write(
                f"The {failed} process stopped (exit {processes[failed].returncode}); stopped the others too."
            )
            sys.exit(1)
