"""Every besluit names its municipality. A migration of its own, so that on PostgreSQL the rows filled by 0004
are committed before the column becomes NOT NULL."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0004_besluit_gemeente"),
    ]

    operations = [
        migrations.AlterField(
            model_name="besluit",
            name="gemeente",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="besluiten",
                to="gemeenten.gemeente",
                verbose_name="gemeente",
            ),
        ),
    ]
