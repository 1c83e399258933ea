"""`STORAGE_BACKEND` / `STORAGE_CONFIG` (1.x, django-storages): uploaded files go to the storage named, configured by
STORAGE_CONFIG's entries; tested against a real S3-compatible server on loopback (moto's server, its own process)."""

import io
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
import requests
from django.test import Client
from PIL import Image

from nautobot.core import config_ops
from nautobot.core.config import ConfigError
from nautobot.core.testing.processes import ADMIN_TOKEN, free_port, load_config_file, wait_for

BUCKET = "nautobot-media"
S3_BACKEND = "storages.backends.s3boto3.S3Boto3Storage"


@pytest.fixture(scope="module")
def s3_url():
    """`moto_server` on a free loopback port, with an empty bucket."""
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: requests.get(url, timeout=2).status_code < 500, what="moto_server")
        _s3(url).create_bucket(Bucket=BUCKET)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def _s3(url: str):
    return boto3.client(
        "s3", endpoint_url=url, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
    )


def _storage_config(url: str) -> dict:
    return {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": url,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_DEFAULT_ACL": None,
    }


def test_storage_backend_becomes_the_default_storage_configured_by_storage_config(tmp_path, monkeypatch):
    loaded = load_config_file(
        tmp_path,
        monkeypatch,
        f"STORAGE_BACKEND = {S3_BACKEND!r}\n"
        "STORAGE_CONFIG = {'AWS_STORAGE_BUCKET_NAME': 'media', 'AWS_S3_ENDPOINT_URL': 'http://127.0.0.1:9'}\n"
        "AWS_STORAGE_BUCKET_NAME = 'outside'\n",
    )
    assert loaded["STORAGES"]["default"] == {"BACKEND": S3_BACKEND}
    assert loaded["STORAGES"]["staticfiles"]["BACKEND"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert loaded["AWS_STORAGE_BUCKET_NAME"] == "media"  # STORAGE_CONFIG wins, as in 1.6
    assert loaded["AWS_S3_ENDPOINT_URL"] == "http://127.0.0.1:9"
    # Without STORAGE_BACKEND: local files under MEDIA_ROOT, STORAGE_CONFIG ignored (as 1.6 says).
    local = load_config_file(tmp_path, monkeypatch, "STORAGE_CONFIG = {'AWS_STORAGE_BUCKET_NAME': 'media'}\n")
    assert "AWS_STORAGE_BUCKET_NAME" not in local and "default" not in local.get("STORAGES", {})
    assert local["REFUSED_SETTINGS"] == [
        "STORAGE_CONFIG is set but STORAGE_BACKEND is not: uploaded files stay under MEDIA_ROOT (STORAGE_CONFIG ignored)"
    ]
    assert loaded["REFUSED_SETTINGS"] == []


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("STORAGE_BACKEND = 'storages_typo.backends.s3boto3.S3Boto3Storage'\n", "STORAGE_BACKEND"),
        ("STORAGE_BACKEND = 'S3Boto3Storage'\n", "STORAGE_BACKEND"),
        (f"STORAGE_BACKEND = {S3_BACKEND!r}\nSTORAGE_CONFIG = [('AWS_STORAGE_BUCKET_NAME', 'x')]\n", "STORAGE_CONFIG"),
    ],
)
def test_a_storage_that_cannot_work_stops_in_one_line(tmp_path, monkeypatch, text, named):
    with pytest.raises(ConfigError) as refused:
        load_config_file(tmp_path, monkeypatch, text)
    assert named in str(refused.value) and "\n" not in str(refused.value)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 2), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_device_type_image_uploaded_through_the_ui_is_stored_in_s3(settings, s3_url, admin, api):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from nautobot.dcim.models import DeviceType, Manufacturer

    # The settings as the configuration loader makes them from a 1.x nautobot_config.py.
    loaded = {"STORAGE_BACKEND": S3_BACKEND, "STORAGE_CONFIG": _storage_config(s3_url), "STORAGES": settings.STORAGES}
    config_ops._complete_storage(loaded)
    for name, value in loaded.items():
        setattr(settings, name, value)

    manufacturer = Manufacturer.objects.create(name="Juniper", slug="juniper")
    image = _png()
    answer = admin.post(
        "/dcim/device-types/add/",
        {
            "manufacturer": str(manufacturer.pk),
            "model": "MX204",
            "slug": "mx204",
            "u_height": "1",
            "front_image": SimpleUploadedFile("mx204-front.png", image, content_type="image/png"),
        },
    )
    assert answer.status_code == 302, answer.context["form"].errors if answer.context else answer.status_code
    device_type = DeviceType.objects.get(slug="mx204")
    stored = _s3(s3_url).get_object(Bucket=BUCKET, Key=device_type.front_image.name)["Body"].read()
    assert stored == image and device_type.front_image.name.startswith("devicetype-images/")
    assert not (Path(settings.MEDIA_ROOT) / device_type.front_image.name).exists()
    # The API gives the image's URL on the S3 server (signed, as django-storages does by default), which serves it.
    url = api.get(f"/api/dcim/device-types/{device_type.pk}/").json()["front_image"]
    assert url.startswith(f"{s3_url}/{BUCKET}/devicetype-images/") and requests.get(url, timeout=10).content == image
    # An edit without a new upload keeps the stored image; a device type with no image saves too.
    fields = {"manufacturer": str(manufacturer.pk), "model": "MX204", "slug": "mx204", "u_height": "2"}
    assert admin.post(f"/dcim/device-types/{device_type.pk}/edit/", fields).status_code == 302
    device_type.refresh_from_db()
    assert device_type.u_height == 2 and device_type.front_image.name.startswith("devicetype-images/mx204-front")
    fields.update(model="MX304", slug="mx304")
    assert admin.post("/dcim/device-types/add/", fields).status_code == 302
    assert not DeviceType.objects.get(slug="mx304").front_image


@pytest.mark.django_db
def test_with_local_storage_uploaded_images_are_served_to_signed_in_users(settings, tmp_path, admin, api):
    from nautobot.dcim.models import Manufacturer

    settings.MEDIA_ROOT = str(tmp_path)
    manufacturer = Manufacturer.objects.create(name="Arista", slug="arista")
    upload = io.BytesIO(_png())
    upload.name = "7050-rear.png"
    created = api.client.post(
        "/api/dcim/device-types/",
        {"manufacturer": str(manufacturer.pk), "model": "7050", "slug": "7050", "rear_image": upload},
        **api.headers,
    )
    assert created.status_code == 201, created.content
    url = created.json()["rear_image"]
    assert url == "http://testserver/media/devicetype-images/7050-rear.png"
    assert (tmp_path / "devicetype-images" / "7050-rear.png").read_bytes() == _png()
    served = admin.get("/media/devicetype-images/7050-rear.png")
    assert served.status_code == 200 and b"".join(served.streaming_content) == _png()
    assert Client().get("/media/devicetype-images/7050-rear.png").status_code == 302  # to the login page


@pytest.mark.slow
def test_a_live_installation_stores_uploads_in_s3_from_its_nautobot_config(make_deployment, s3_url):
    """The 1.x way, end to end: STORAGE_BACKEND and STORAGE_CONFIG in nautobot_config.py, uWSGI, an image posted to
    the REST API with a token, read back from the S3 server."""
    deployment = make_deployment("postgres-redis")
    with open(deployment.root / "nautobot_config.py", "a") as config:
        config.write(f"\nSTORAGE_BACKEND = {S3_BACKEND!r}\nSTORAGE_CONFIG = {_storage_config(s3_url)!r}\n")
    deployment.add_superuser("admin", "admin", token=ADMIN_TOKEN)
    url = deployment.start_web(processes=1, threads=2)
    headers = {"Authorization": f"Token {ADMIN_TOKEN}", "Accept": "application/json"}
    manufacturer = requests.post(
        f"{url}/api/dcim/manufacturers/", json={"name": "Cisco", "slug": "cisco"}, headers=headers, timeout=30
    ).json()
    created = requests.post(
        f"{url}/api/dcim/device-types/",
        data={"manufacturer": manufacturer["id"], "model": "C9300", "slug": "c9300"},
        files={"front_image": ("c9300-front.png", _png(), "image/png")},
        headers=headers,
        timeout=30,
    )
    assert created.status_code == 201, created.text
    key = "devicetype-images/c9300-front.png"
    assert created.json()["front_image"].startswith(f"{s3_url}/{BUCKET}/{key}")
    assert _s3(s3_url).get_object(Bucket=BUCKET, Key=key)["Body"].read() == _png()
