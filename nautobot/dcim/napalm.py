"""NAPALM: read a device's live state (facts, LLDP neighbours, configuration...) with the platform's NAPALM driver,
as 1.x's `GET /api/dcim/devices/<id>/napalm/?method=get_facts` did, for the API and the device page's tabs.

Where the device is reached: its primary IP, else its name resolved by DNS. Credentials: the device's secrets group
(Generic access: username, password and an enable secret), falling back to `NAPALM_USERNAME`/`NAPALM_PASSWORD` for
a secret the group lacks; request headers `X-NAPALM-Username`, `X-NAPALM-Password` and `X-NAPALM-<arg>` override
them (API only). Driver arguments: `NAPALM_ARGS`, updated by the platform's `napalm_args`. Only `get_*` methods run.
A failure the user can act on (no platform, no driver, NAPALM not installed, no address, cannot connect, a secret
that cannot be read) is a `NapalmUnavailable` with 1.x's message (a 503 in the API), never a traceback.
NAPALM itself is the `napalm` extra (`pip install "nautobot[napalm]"`).
"""

import socket
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist

from nautobot.extras.secrets.choices import SecretsGroupAccessTypeChoices, SecretsGroupSecretTypeChoices
from nautobot.extras.secrets.exceptions import SecretError

PERMISSION = "dcim.napalm_read_device"


class NapalmUnavailable(Exception):
    """The device cannot be asked through NAPALM; the message says why (shown to the user as is)."""


def _host(device) -> str:
    if device.primary_ip:
        return str(device.primary_ip.address.ip)
    if not device.name:
        raise NapalmUnavailable("This device does not have a primary IP address or device name to lookup configured.")
    try:
        return socket.gethostbyname(device.name)
    except (socket.gaierror, UnicodeError):
        raise NapalmUnavailable(
            f"Name lookup failure, unable to resolve IP address for {device.name}. Please set Primary IP or "
            "setup name resolution."
        ) from None


def napalm_driver(device):
    """The NAPALM driver class of the device's platform; `NapalmUnavailable` when there is none to use."""
    if device.platform is None:
        raise NapalmUnavailable("No platform is configured for this device.")
    if not device.platform.napalm_driver:
        raise NapalmUnavailable(f"No NAPALM driver is configured for this device's platform: {device.platform}.")
    try:
        import napalm
        from napalm.base.exceptions import ModuleImportError
    except ModuleNotFoundError as exc:
        if exc.name == "napalm":
            raise NapalmUnavailable(
                'NAPALM is not installed. Install it with pip install "nautobot[napalm]" (or pip install napalm).'
            ) from None
        raise
    try:
        return napalm.get_network_driver(device.platform.napalm_driver)
    except ModuleImportError:
        raise NapalmUnavailable(
            f"NAPALM driver for platform {device.platform} not found: {device.platform.napalm_driver}."
        ) from None


def _secret(device, secret_type: str, default):
    try:
        return device.secrets_group.get_secret_value(
            SecretsGroupAccessTypeChoices.TYPE_GENERIC, secret_type, obj=device
        )
    except ObjectDoesNotExist:
        return default
    except SecretError as exc:
        raise NapalmUnavailable(f"Unable to retrieve device credentials: {exc.message}") from None


def connection_arguments(device, headers: Mapping[str, str] | None = None) -> dict:
    """The keyword arguments of the driver: hostname, username, password, timeout and optional_args."""
    username, password = settings.NAPALM_USERNAME, settings.NAPALM_PASSWORD
    optional_args = dict(settings.NAPALM_ARGS or {})
    optional_args.update(device.platform.napalm_args or {})
    if device.secrets_group_id:
        username = _secret(device, SecretsGroupSecretTypeChoices.TYPE_USERNAME, username)
        password = _secret(device, SecretsGroupSecretTypeChoices.TYPE_PASSWORD, password)
        # Drivers disagree on the enable secret's argument name.
        enable = "enable_password" if device.platform.napalm_driver.lower() == "eos" else "secret"
        secret = _secret(device, SecretsGroupSecretTypeChoices.TYPE_SECRET, None)
        if secret is not None:
            optional_args[enable] = secret
    for header, value in (headers or {}).items():
        if not header.lower().startswith("x-napalm-"):
            continue
        key = header[len("x-napalm-") :].lower()
        if key == "username":
            username = value
        elif key == "password":
            password = value
        elif key:
            optional_args[key] = value
    return {
        "hostname": _host(device),
        "username": username,
        "password": password,
        "timeout": settings.NAPALM_TIMEOUT,
        "optional_args": optional_args,
    }


def device_napalm_read(device, methods: Iterable[str], headers: Mapping[str, str] | None = None) -> dict:
    """`{method: result}` for each of `methods`, read from the device now (an unknown, non-`get_`, unimplemented or
    failing method gives `{"error": ...}` in its place, as 1.x). `NapalmUnavailable` when the device cannot be asked."""
    methods = list(methods)
    driver = napalm_driver(device)
    arguments = connection_arguments(device, headers)
    connection = driver(**arguments)
    try:
        connection.open()
    except Exception as exc:  # any driver, any transport: said to the user, never raised
        raise NapalmUnavailable(f"Error connecting to the device at {arguments['hostname']}: {exc}") from None
    results: dict = dict.fromkeys(methods)
    try:
        for method in methods:
            if not hasattr(driver, method):
                results[method] = {"error": "Unknown NAPALM method"}
            elif not method.startswith("get_"):
                results[method] = {"error": "Only get_* NAPALM methods are supported"}
            else:
                try:
                    results[method] = getattr(connection, method)()
                except NotImplementedError:
                    results[method] = {"error": f"Method {method} not implemented for NAPALM driver {driver}"}
                except Exception as exc:
                    results[method] = {"error": f"Method {method} failed: {exc}"}
    finally:
        connection.close()
    return results
