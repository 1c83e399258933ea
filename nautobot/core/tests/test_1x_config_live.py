"""A 1.x `nautobot_config.py` as the 1.6 documentation writes one (required settings, django-redis `CACHES`, the
documented `AUTHENTICATION_BACKENDS`, `EXEMPT_VIEW_PERMISSIONS = ["*"]`, banners, `METRICS_ENABLED`, S3 storage),
unchanged, on a real uWSGI and Celery worker with PostgreSQL and Redis: no setting refused, sign-in, the API, an
anonymous read, the banners, an image in the S3 server, a job on the worker and `/metrics`."""

import re

import pytest
import redis as redis_client
import requests

from nautobot.core.testing.processes import postgres_redis_deployment, sign_in, wait_for
from nautobot.core.tests.test_ops_storage import BUCKET, _png, _s3, s3_url  # noqa: F401  (s3_url: a fixture)
from nautobot.extras.tests.job_fixtures import write_jobs

pytestmark = pytest.mark.slow
TOKEN = "0123456789abcdef0123456789abcdef01234567"
JOB = "from nautobot.extras.jobs import Job\n\n\nclass Hello(Job):\n    def run(self, data, commit):\n        return 'hello'\n"

CONFIG_1X = """\
import os
import sys

from nautobot.core.settings import *  # noqa F401,F403
from nautobot.core.settings_funcs import is_truthy, parse_redis_connection

ALLOWED_HOSTS = os.getenv("NAUTOBOT_ALLOWED_HOSTS", "*").split(" ")

DATABASES = {{
    "default": {{
        "NAME": os.getenv("NAUTOBOT_DB_NAME", "nautobot"),
        "USER": os.getenv("NAUTOBOT_DB_USER", ""),
        "PASSWORD": os.getenv("NAUTOBOT_DB_PASSWORD", ""),
        "HOST": os.getenv("NAUTOBOT_DB_HOST", "localhost"),
        "PORT": os.getenv("NAUTOBOT_DB_PORT", ""),
        "CONN_MAX_AGE": int(os.getenv("NAUTOBOT_DB_TIMEOUT", "300")),
        "ENGINE": os.getenv("NAUTOBOT_DB_ENGINE", "django.db.backends.postgresql"),
    }}
}}

CACHES = {{
    "default": {{
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": parse_redis_connection(redis_database=1),
        "TIMEOUT": 300,
        "OPTIONS": {{
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
        }},
    }}
}}
CELERY_BROKER_URL = os.getenv("NAUTOBOT_CELERY_BROKER_URL", parse_redis_connection(redis_database=0))
CELERY_RESULT_BACKEND = os.getenv("NAUTOBOT_CELERY_RESULT_BACKEND", parse_redis_connection(redis_database=0))

SECRET_KEY = os.getenv("NAUTOBOT_SECRET_KEY", "012345678901234567890123456789012345678901234567890123456789")

AUTHENTICATION_BACKENDS = [
    "nautobot.core.authentication.ObjectPermissionBackend",
]
EXEMPT_VIEW_PERMISSIONS = ["*"]

BANNER_TOP = "Production: **changes are audited**"
BANNER_BOTTOM = BANNER_TOP
BANNER_LOGIN = "Authorized users only"

METRICS_ENABLED = True
INSTALLATION_METRICS_ENABLED = is_truthy(os.getenv("NAUTOBOT_INSTALLATION_METRICS_ENABLED", "False"))

STORAGE_BACKEND = "storages.backends.s3boto3.S3Boto3Storage"
STORAGE_CONFIG = {{
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test",
    "AWS_STORAGE_BUCKET_NAME": "{bucket}",
    "AWS_S3_ENDPOINT_URL": "{s3_url}",
    "AWS_S3_REGION_NAME": "us-east-1",
    "AWS_DEFAULT_ACL": None,
}}
"""


def test_the_1x_documentation_config_runs_unchanged(tmp_path, s3_url):  # noqa: F811
    with postgres_redis_deployment(tmp_path, "config1x") as (deployment, redis):
        # The 1.x way: Redis named by NAUTOBOT_REDIS_* (parse_redis_connection), not by broker URLs.
        for name in ("NAUTOBOT_CELERY_BROKER_URL", "NAUTOBOT_CELERY_RESULT_BACKEND"):
            deployment.env.pop(name)
        deployment.env.update(NAUTOBOT_REDIS_HOST="127.0.0.1", NAUTOBOT_REDIS_PORT=str(redis.port))
        (deployment.root / "nautobot_config.py").write_text(CONFIG_1X.format(bucket=BUCKET, s3_url=s3_url))
        upgrade = deployment.server("post_upgrade", "--no-collectstatic")
        assert "warning" not in upgrade.stderr.lower(), upgrade.stderr  # nothing refused
        write_jobs(deployment.root / "jobs", "hello_jobs", JOB)
        deployment.enable_jobs()
        deployment.add_superuser("admin", "admin", token=TOKEN)
        url = deployment.start_web(processes=2, threads=2)
        deployment.start_worker()
        api = {"Authorization": f"Token {TOKEN}", "Accept": "application/json"}

        # The cache is the django-redis one the file names, in Redis database 1.
        assert deployment.shell(
            "import django_redis.cache\nfrom django.core.cache import caches\n"
            "caches['default'].set('probe-1x', 1)\nprint(isinstance(caches['default'], django_redis.cache.RedisCache))"
        ).endswith("True")
        assert redis_client.Redis(port=redis.port, db=1).keys("*probe-1x")

        # Sign-in through the documented backend; the banners on the pages.
        assert "Authorized users only" in requests.get(f"{url}/login/", timeout=30).text
        browser, _ = sign_in(url, "admin", "admin")
        home = browser.get(f"{url}/", timeout=30).text
        assert home.count("Production: <strong>changes are audited</strong>") == 2  # top and bottom

        # The API with a token; an anonymous read under EXEMPT_VIEW_PERMISSIONS = ["*"] (and no write).
        created = requests.post(f"{url}/api/tenancy/tenants/", json={"name": "Acme", "slug": "acme"}, headers=api,
                                timeout=30)  # fmt: skip
        assert created.status_code == 201, created.text
        anonymous = requests.get(f"{url}/api/tenancy/tenants/", headers={"Accept": "application/json"}, timeout=30)
        assert anonymous.status_code == 200 and anonymous.json()["count"] == 1
        assert requests.get(f"{url}/tenancy/tenants/", allow_redirects=False, timeout=30).status_code == 200
        refused = requests.post(f"{url}/api/tenancy/tenants/", json={"name": "X", "slug": "x"}, timeout=30)
        assert refused.status_code == 403

        # An image stored in the S3 server.
        manufacturer = requests.post(f"{url}/api/dcim/manufacturers/", json={"name": "Arista", "slug": "arista"},
                                     headers=api, timeout=30).json()  # fmt: skip
        device_type = requests.post(
            f"{url}/api/dcim/device-types/",
            data={"manufacturer": manufacturer["id"], "model": "7050", "slug": "7050"},
            files={"rear_image": ("arista-7050-rear.png", _png(), "image/png")},
            headers=api,
            timeout=30,
        )
        assert device_type.status_code == 201, device_type.text
        stored = _s3(s3_url).get_object(Bucket=BUCKET, Key="devicetype-images/arista-7050-rear.png")
        assert stored["Body"].read() == _png()

        # A job on the worker (API 1.3: the jobs list is paginated and a job is run by its id).
        api = {**api, "Accept": "application/json; version=1.3"}
        job = requests.get(f"{url}/api/extras/jobs/", params={"job_class_name": "Hello"}, headers=api,
                           timeout=30).json()["results"][0]  # fmt: skip
        run = requests.post(f"{url}/api/extras/jobs/{job['id']}/run/", json={"data": {}}, headers=api, timeout=30)
        assert run.status_code == 201, run.text
        result_url = run.json()["job_result"]["url"]
        wait_for(
            lambda: requests.get(result_url, headers=api, timeout=30).json()["status"]["value"] == "completed",
            timeout=90,
            what="the job to complete on the worker",
        )

        # /metrics, scraped as Prometheus does (no credentials).
        metrics = requests.get(f"{url}/metrics/", timeout=30)
        assert metrics.status_code == 200 and metrics.headers["Content-Type"].startswith("text/plain")
        assert "django_http_requests_total_by_method_total" in metrics.text
        assert re.search(r'^nautobot_workers_alive\{kind="celery"\} 1\.0$', metrics.text, re.MULTILINE), metrics.text

        # No setting of the file was refused by any process.
        for log in ("web", "worker"):
            assert "nautobot-server: warning" not in deployment.log(log), deployment.log(log)[-2000:]
