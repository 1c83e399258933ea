from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("extras", "0009_gitrepository"),
    ]

    operations = [
        migrations.AddField(
            model_name="webhookdeliveryattempt",
            name="request_headers",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="The headers sent, with the values of credential-like headers hidden.",
            ),
        ),
    ]
