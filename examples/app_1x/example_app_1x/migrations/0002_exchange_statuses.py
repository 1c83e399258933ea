# As 1.x apps write it (nautobot-firewall-models' 0002_custom_status): the default statuses exist when an app's
# migrations run, because 1.x created them in a migration of its own; here `migrate` brings Nautobot's apps (and
# their statuses) up first.

from django.db import migrations


def exchange_statuses(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Status = apps.get_model("extras", "Status")
    content_type, _ = ContentType.objects.get_or_create(app_label="example_app_1x", model="exchange")
    for slug in ("active", "planned"):
        Status.objects.get(slug=slug).content_types.add(content_type)


class Migration(migrations.Migration):
    dependencies = [
        ("example_app_1x", "0001_initial"),
        ("extras", "0033_add__optimized_indexing"),
    ]

    operations = [migrations.RunPython(exchange_statuses, migrations.RunPython.noop)]
