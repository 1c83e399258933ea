"""The 1.x management commands an operator runs by hand or from scripts: generate_test_data, trace_paths,
renaturalize, fix_custom_fields, remove_stale_scheduled_jobs and validate_models, run as `call_command` runs them
(what `nautobot-server <command>` does after loading the configuration)."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from nautobot.circuits.models import Circuit
from nautobot.dcim.models import CablePath, Device, Interface, Rack, Site
from nautobot.dcim.tests import builders as b
from nautobot.extras.jobs.models import ScheduledJob
from nautobot.ipam.models import IPAddress
from nautobot.virtualization.models import VirtualMachine

pytestmark = pytest.mark.django_db


def run(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


class Rollback(Exception):
    pass


def generated(devices: int, seed: str) -> dict:
    """Generate a dataset in a transaction rolled back afterwards; return what a user would compare."""
    try:
        with transaction.atomic():
            output = run("generate_test_data", "--devices", str(devices), "--seed", seed)
            found = {
                "devices": sorted(Device.objects.values_list("name", "serial", "site__name", "rack__name", "position")),
                "addresses": sorted(str(ip) for ip in IPAddress.objects.all()),
                "primary": Device.objects.filter(primary_ip4__isnull=False).count(),
                "paths": CablePath.objects.filter(is_active=True).count(),
                "cabled": Interface.objects.filter(cable__isnull=False).count(),
                "circuits": sorted(Circuit.objects.values_list("cid", "provider__name")),
                "vms": sorted(VirtualMachine.objects.values_list("name", "cluster__name", "vcpus")),
                "sites": Site.objects.count(),
                "output": output,
            }
            raise Rollback
    except Rollback:
        return found


def test_generate_test_data_is_sized_deterministic_and_connected():
    first = generated(120, "42")
    assert len(first["devices"]) == 120 and first["sites"] == 3  # 50 devices a site
    assert first["primary"] == 120 and len(first["addresses"]) == 120  # every device reachable on mgmt0
    # Every cabled interface has a live path (the servers to access switches, access switches to both cores).
    assert first["cabled"] > 0 and first["paths"] == first["cabled"]
    assert len(first["vms"]) == 60 and len(first["circuits"]) == 6
    assert "120 devices" in first["output"] and "Traced" in first["output"]
    again = generated(120, "42")
    assert {k: v for k, v in again.items() if k != "output"} == {k: v for k, v in first.items() if k != "output"}
    other = generated(120, "43")
    assert other["devices"] != first["devices"]  # serials differ
    assert not Device.objects.exists()  # each run above was rolled back


def test_generate_test_data_refuses_bad_input_in_one_line():
    with pytest.raises(CommandError, match="--devices must be 1 or more"):
        run("generate_test_data", "--devices", "0")
    with pytest.raises(CommandError, match="Unknown database 'elsewhere'"):
        run("generate_test_data", "--database", "elsewhere")


def test_trace_paths_rebuilds_missing_paths_and_force_recomputes_all():
    a, z = b.interface(), b.interface()
    cable = b.cable(a, z)
    assert CablePath.objects.count() == 2
    CablePath.objects.all().delete()  # as after an import that wrote cables directly
    assert not Interface.objects.filter(_path__isnull=False).exists()
    output = run("trace_paths")
    assert "Traced 2 interfaces." in output
    path = Interface.objects.get(pk=a.pk)._path
    assert path.destination == z and path.is_active and path.path == [f"dcim.cable:{cable.pk}"]
    assert "No interfaces lack a cable path." in run("trace_paths")
    before = set(CablePath.objects.values_list("pk", flat=True))
    forced = run("trace_paths", "--force", "--no-input")
    assert "Deleted 2 cable paths." in forced and "Traced 2 interfaces." in forced
    assert not before & set(CablePath.objects.values_list("pk", flat=True))
    assert Interface.objects.get(pk=z.pk)._path.destination == a


def test_renaturalize_rewrites_stale_keys_only():
    site = b.site()
    racks = [b.rack(site=site) for _ in range(2)]
    Rack.objects.filter(pk=racks[0].pk).update(_name="zzz")  # written around the ORM
    output = run("renaturalize", "dcim.Rack")
    assert "dcim.Rack.name (_name): 1 updated" in output
    rack = Rack.objects.get(pk=racks[0].pk)
    assert rack._name == Rack._meta.get_field("_name").naturalize_function(rack.name, max_length=255)
    assert "0 updated" in run("renaturalize", "dcim.Rack")
    with pytest.raises(CommandError, match="Invalid model: dcim.Cable does not employ natural ordering"):
        run("renaturalize", "dcim.Cable")
    with pytest.raises(CommandError, match="Models must be specified in the form app_label.ModelName"):
        run("renaturalize", "Rack")
    with pytest.raises(CommandError, match="Unknown model: dcim.Nothing"):
        run("renaturalize", "dcim.Nothing")


def test_fix_custom_fields_adds_defaults_and_removes_stale_names():
    field = b.custom_field("dcim.site", type="text", default="unset")
    site = b.site()
    Site.objects.filter(pk=site.pk).update(_custom_field_data={"gone_field": 1})
    output = run("fix_custom_fields", "dcim.Site")
    assert (
        f"Adding missing custom field {field.name}" in output and "Removing invalid custom field gone_field" in output
    )
    assert Site.objects.get(pk=site.pk)._custom_field_data == {field.name: "unset"}
    assert "0 sites fixed." in run("fix_custom_fields")  # every model with custom fields: nothing left to fix


def test_remove_stale_scheduled_jobs_keeps_recurring_schedules():
    long_ago = timezone.now() - timedelta(days=40)

    def scheduled(name, interval, one_off):
        return ScheduledJob.objects.create(
            name=name, job_class="local.x.Y", interval=interval, one_off=one_off, start_time=long_ago
        )

    old_once = scheduled("once", "future", True)
    daily = scheduled("daily", "daily", False)
    recent = ScheduledJob.objects.create(
        name="recent", job_class="local.x.Y", interval="future", one_off=True, start_time=timezone.now()
    )
    assert "1 removed" in run("remove_stale_scheduled_jobs", "30")
    assert set(ScheduledJob.objects.values_list("pk", flat=True)) == {daily.pk, recent.pk}
    assert not ScheduledJob.objects.filter(pk=old_once.pk).exists()
    with pytest.raises(CommandError, match="max-age is a number of days"):
        run("remove_stale_scheduled_jobs", "-1")


def test_validate_models_lists_invalid_objects():
    rack = b.rack()
    Rack.objects.filter(pk=rack.pk).update(u_height=0)  # what the API would refuse
    output = run("validate_models", "dcim.Rack", "dcim.Site")
    assert "Validating 2 models." in output
    assert f"Model: `dcim.Rack` Instance: `{rack.name}`" in output and "u_height" in output
    assert output.strip().endswith("1 invalid objects found.")
