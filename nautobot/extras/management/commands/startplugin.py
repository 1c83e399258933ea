"""`nautobot-server startplugin NAME [DIRECTORY]`: a working plugin skeleton to install with `pip install -e`."""

import keyword
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

FILES = {
    "pyproject.toml": """\
[build-system]
requires = ["setuptools>=64"]
build-backend = "setuptools.build_meta"

[project]
name = "{dist}"
version = "0.1.0"
description = "{title}: a Nautobot plugin"
requires-python = ">=3.11"

[tool.setuptools.packages.find]
include = ["{name}*"]
""",
    "README.md": """\
# {title}

A Nautobot plugin. Install it into Nautobot's virtualenv and enable it:

```bash
pip install -e .
# nautobot_config.py: PLUGINS = ["{name}"]
nautobot-server makemigrations {name}   # after changing models.py
nautobot-server post_upgrade            # applies its migrations
```

Its API is under `/api/plugins/{url}/`, its pages under `/plugins/{url}/`; `tasks.py` runs on
`nautobot-server celery worker`.
""",
    "{name}/__init__.py": '''\
"""{title}."""

from nautobot.extras.plugins import PluginConfig

__version__ = "0.1.0"


class {cls}Config(PluginConfig):
    name = "{name}"
    verbose_name = "{title}"
    version = __version__
    author = ""
    description = "{title}"
    base_url = "{url}"
    min_version = "1.4.0"
    required_settings = []
    default_settings = {{}}


config = {cls}Config
''',
    "{name}/models.py": '''\
from django.db import models

from nautobot.core.models import PrimaryModel


class Item(PrimaryModel):
    """Rename and extend: fields here get API, filters and GraphQL through specs.py."""

    name = models.CharField(max_length=100, unique=True)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name
''',
    "{name}/specs.py": """\
from nautobot.core.specs import ObjectSpec, register_spec
from {name}.models import Item


@register_spec
class ItemSpec(ObjectSpec):
    model = Item
    api_fields = ("name", "description", "tags", "custom_fields", "created", "last_updated")
    brief_fields = ("name",)
    filter_fields = ("name", "description")
    search_fields = ("name", "description")
""",
    "{name}/tasks.py": '''\
"""Celery tasks of the plugin: found by every `nautobot-server celery worker`."""

from nautobot.core.celery import nautobot_task


@nautobot_task
def count_items() -> int:
    from {name}.models import Item

    return Item.objects.count()
''',
    "{name}/jobs.py": '''\
"""Jobs of the plugin: listed in Nautobot's job registry under plugins/{name}.jobs/<Class>."""

from nautobot.extras.jobs import Job, StringVar

name = "{title}"


class Hello(Job):
    """Say hello; a starting point for real work."""

    who = StringVar(default="world")

    class Meta:
        description = "Greets someone"

    def run(self, data, commit):
        self.log_success(message=f"Hello, {{data['who']}}!")
        return data["who"]


jobs = [Hello]
''',
    "{name}/migrations/__init__.py": "",
    "{name}/tests/__init__.py": "",
    "{name}/tests/api_cases.py": '''\
"""How to create an Item over the API: Nautobot's contract suite tests its endpoint with it."""

from nautobot.core.testing import builders as b
from nautobot.core.testing.api import register_case
from {name}.models import Item

register_case(Item, lambda: {{"name": b.unique("item")}}, update=lambda: {{"description": "changed"}})
''',
}


class Command(BaseCommand):
    help = "Create the skeleton of a plugin package NAME (a model, its spec, a job, a Celery task, tests) in DIRECTORY."

    def add_arguments(self, parser) -> None:
        parser.add_argument("name", help="Python package name of the plugin, e.g. nautobot_circuit_maintenance")
        parser.add_argument("directory", nargs="?", help="Where to create it (default: ./NAME)")

    def handle(self, name: str, directory: str | None = None, **options) -> None:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name) or keyword.iskeyword(name):
            raise CommandError(f"{name!r} is not a valid package name: use lower-case letters, digits and underscores.")
        target = Path(directory or name)
        if target.exists() and any(target.iterdir()):
            raise CommandError(f"{target} already exists and is not empty; choose another directory.")
        words = name.split("_")
        values = {
            "name": name,
            "dist": name.replace("_", "-"),
            "url": name.replace("_", "-"),
            "title": " ".join(words).capitalize(),
            "cls": "".join(word.capitalize() for word in words),
        }
        for relative, template in FILES.items():
            path = target / relative.format(**values)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(template.format(**values))
        self.stdout.write(
            f"Created plugin {name} in {target}. Next: pip install -e {target}; add {name!r} to PLUGINS; "
            f"nautobot-server makemigrations {name}; nautobot-server post_upgrade."
        )
