#!/usr/bin/env python3
"""Set up our server for the job benchmark and run `bench_worker.py` (jobs only) against it.

Builds a throw-away installation with the test suite's `Deployment` (PostgreSQL + Redis on 127.0.0.1,
or the embedded SQLite default), installs the trivial job `local/bench_jobs/NoopJob`, starts uWSGI and
one Celery worker with `--concurrency 2` (two pool processes), then runs `bench_worker.py` with
`--skip-webhooks` and writes its JSON. Run from a checkout with the test extras installed:

    .venv/bin/python bench/bench_jobs_ours.py --backend postgres-redis --out bench/results/jobs-postgres.json
"""

import argparse
import contextlib
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from nautobot.core.testing.processes import (
    PG,
    REDIS_URL,
    Deployment,
    free_port,
    postgres_database,
    redis_database,
    run_id,
    wait_for,
)

TOKEN = "0123456789abcdef0123456789abcdef01234567"
NOOP_JOB = """from nautobot.extras.jobs import Job


class NoopJob(Job):
    class Meta:
        name = "No-op"
        has_sensitive_variables = False

    def run(self, data, commit):
        return "ok"
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("postgres-redis", "embedded"), default="postgres-redis")
    parser.add_argument("--runs", type=int, default=100, help="sequential runs (latency)")
    parser.add_argument("--burst", type=int, default=500, help="jobs enqueued at once (throughput)")
    parser.add_argument("--concurrency", type=int, default=2, help="worker pool processes")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-jobs-")))
        deployment = Deployment(root)
        stack.callback(deployment.stop_all)
        deployment.server("init")
        extra = ""
        if args.backend == "postgres-redis":
            name = re.sub(r"\W", "_", f"nautobot_bench_{run_id()}")
            stack.enter_context(postgres_database(name))
            number = stack.enter_context(redis_database())
            deployment.env.update(
                NAUTOBOT_DB_ENGINE="postgresql",
                NAUTOBOT_DB_HOST=PG["host"],
                NAUTOBOT_DB_PORT=str(PG["port"]),
                NAUTOBOT_DB_USER=PG["user"],
                NAUTOBOT_DB_NAME=name,
                NAUTOBOT_CELERY_BROKER_URL=f"{REDIS_URL}/{number}",
                NAUTOBOT_CELERY_RESULT_BACKEND=f"{REDIS_URL}/{number}",
            )
            extra = f'CACHES = {{"default": {{"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "{REDIS_URL}/{number}"}}}}\n'
        with open(root / "nautobot_config.py", "a") as config:
            config.write("\n" + extra)
        (root / "jobs").mkdir(exist_ok=True)
        (root / "jobs" / "bench_jobs.py").write_text(NOOP_JOB)
        deployment.server("post_upgrade", "--no-collectstatic")
        deployment.shell(
            "from nautobot.extras.models import Job\nfrom nautobot.users.models import Token, User\n"
            "Job.objects.update(enabled=True)\n"
            f"Token.objects.create(user=User.objects.create_superuser('admin', 'a@example.com', 'admin'), key='{TOKEN}')"
        )
        port = free_port()
        deployment.spawn(
            "start",
            f"--http=127.0.0.1:{port}",
            "--master",
            "--processes=4",
            "--threads=2",
            "--http-keepalive",
            "--die-on-term",
            log_name="web",
        )
        url = f"http://127.0.0.1:{port}"
        wait_for(lambda: requests.get(f"{url}/health/live/", timeout=5).status_code == 200, timeout=90, what="web")
        deployment.spawn(
            "celery", "worker", "--loglevel", "WARNING", "--concurrency", str(args.concurrency), log_name="worker"
        )
        wait_for(
            lambda: deployment.server("health_check", "workers", check=False).returncode == 0, timeout=90, what="worker"
        )
        time.sleep(1)
        bench = Path(__file__).with_name("bench_worker.py")
        command = [
            sys.executable,
            str(bench),
            "--url",
            url,
            "--token",
            TOKEN,
            "--skip-webhooks",
            "--job",
            "local/bench_jobs/NoopJob",
            "--job-runs",
            str(args.runs),
            "--job-burst",
            str(args.burst),
            "--burst-timeout",
            "900",
            "--label",
            f"ours-{args.backend}-c{args.concurrency}",
            "--out",
            os.path.abspath(args.out),
        ]
        return subprocess.call(command)


if __name__ == "__main__":
    sys.exit(main())
