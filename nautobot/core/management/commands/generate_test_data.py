"""`nautobot-server generate_test_data` (1.x): fill the database with a realistic, deterministic dataset.

1.x made a fixed-size dataset from factory_boy factories. Here the size is chosen (`--devices N`, default 200; the
rest scales with it: sites, racks, cabling, prefixes, addresses, VLANs, circuits, virtual machines), so the same
command makes the data of scale tests and benchmarks. The same `--seed` gives the same objects (names, addresses,
choices; not UUIDs).

Each app contributes its part in a module `<app>/test_data.py` with `generate(dataset)`, called in the order of
`INSTALLED_APPS` (lower apps first), so that the core names no app: `dataset.made` carries what an earlier app made
(sites, devices...) to the later ones. Objects are written in bulk; cable paths are then traced by `trace_paths`.
No change log is written (nobody changed anything), as 1.x's factories wrote none.

`--cache-test-fixtures` (1.x) saves the dataset to `--fixture-file` after generating it, and loads it from there
instead when the file exists.
"""

import importlib
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction

DEFAULT_FIXTURE = "development/factory_dump.json"


@dataclass
class Dataset:
    """What `<app>/test_data.generate()` receives: the size, a seeded random generator, the database, a progress
    printer and the objects earlier apps made (`made["dcim.site"]` = a list of sites...)."""

    devices: int
    rng: random.Random
    using: str
    say: object
    made: dict = field(default_factory=dict)

    def bulk(self, model, objects: list, batch: int = 1000) -> list:
        """Insert `objects` of `model` in batches and keep them under `made[label]`; print the count."""
        created = model._base_manager.db_manager(self.using).bulk_create(objects, batch_size=batch)
        self.made.setdefault(model._meta.label_lower, []).extend(created)
        self.say(f"  {len(created):>7} {model._meta.verbose_name_plural}")
        return created


class Command(BaseCommand):
    help = "Populate the database with a realistic, deterministic set of test data (--devices N to size it)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", help="Random seed: the same seed gives the same data (default: random)")
        parser.add_argument("--devices", type=int, default=200, help="Number of devices (default 200)")
        parser.add_argument("--flush", action="store_true", help="Empty the database first (asks unless --no-input)")
        parser.add_argument("--no-input", action="store_true", help="Do not ask for confirmation")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to fill (default: default)")
        parser.add_argument(
            "--cache-test-fixtures", action="store_true", help="Load from --fixture-file if it exists, else save to it"
        )
        parser.add_argument("--fixture-file", default=DEFAULT_FIXTURE, help=f"(default {DEFAULT_FIXTURE})")

    def handle(self, *args, **options) -> None:
        using = options["database"]
        if using not in settings.DATABASES:
            raise CommandError(f"Unknown database {using!r}: DATABASES has {', '.join(settings.DATABASES)}.")
        if options["devices"] < 1:
            raise CommandError("--devices must be 1 or more.")
        if options["flush"]:
            if not options["no_input"]:
                name = connections[using].settings_dict["NAME"]
                self.stdout.write(self.style.WARNING(f"This deletes ALL data in the database {name!r}."))
                if input("Type yes to confirm: ") != "yes":
                    self.stdout.write("Aborted; nothing changed.")
                    return
            self.stdout.write("Flushing the database...")
            call_command("flush", interactive=False, database=using)
        fixture = Path(options["fixture_file"])
        if options["cache_test_fixtures"] and fixture.exists():
            self.stdout.write(f"Loading the cached dataset {fixture}...")
            call_command("loaddata", str(fixture), database=using)
            return
        seed = options["seed"] if options["seed"] is not None else str(random.SystemRandom().randrange(10**9))
        self.stdout.write(f"Seed {seed}: generating data for {options['devices']} devices...")
        dataset = Dataset(options["devices"], random.Random(seed), using, self.stdout.write)
        started = time.monotonic()
        with transaction.atomic(using=using):
            for app in apps.get_app_configs():
                try:
                    module = importlib.import_module(f"{app.name}.test_data")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app.name}.test_data":
                        raise
                    continue
                self.stdout.write(f"{app.verbose_name}:")
                module.generate(dataset)
        if using == DEFAULT_DB_ALIAS:
            self.stdout.write("Cable paths:")
            call_command("trace_paths", no_input=True, stdout=self.stdout)
        else:
            self.stdout.write(
                f"Cable paths are not traced in {using!r}: run trace_paths with that database as default."
            )
        if options["cache_test_fixtures"]:
            fixture.parent.mkdir(parents=True, exist_ok=True)
            call_command(
                "dumpdata",
                *[a.label for a in apps.get_app_configs() if a.name.startswith("nautobot.")],
                database=using,
                output=str(fixture),
                natural_foreign=False,
            )
            self.stdout.write(f"Saved the dataset to {fixture}.")
        total = sum(len(objects) for objects in dataset.made.values())
        self.stdout.write(self.style.SUCCESS(f"Done: {total} objects in {time.monotonic() - started:.1f} s."))
