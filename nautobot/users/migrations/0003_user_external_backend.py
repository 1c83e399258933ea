from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0002_objectpermission_constraints_encoder"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="external_backend",
            field=models.CharField(blank=True, default="", editable=False, max_length=255),
        ),
    ]
