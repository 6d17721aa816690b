"""ADR 0019: keyed content hashes, the chain moved to AuditSeal, the old unkeyed chain kept as legacy_*.

Existing events keep their old SHA-256 links (renamed legacy_prev_hash / legacy_entry_hash, still checked by
`naleving audit verify`), get the keyed hash of their content (NALEVING_AUDIT_KEY of the settings this
migration runs with) and are sealed in id order. So the key must be the production key when this runs.
"""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

BATCH = 2_000


def rekey_and_seal(apps, schema_editor):
    from naleving.audit.hashing import GENESIS, content_hash, event_fields, link_hash

    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditSeal = apps.get_model("audit", "AuditSeal")
    key = settings.NALEVING_AUDIT_KEY.encode("utf-8")
    now = timezone.now()
    prev = GENESIS
    events, seals = [], []
    for seq, event in enumerate(AuditEvent.objects.order_by("id").iterator(chunk_size=BATCH), start=1):
        event.content_hash = content_hash(key=key, event_id=event.pk, fields=event_fields(event))
        link = link_hash(key=key, seq=seq, event_id=event.pk, prev_hash=prev, content=event.content_hash)
        seals.append(AuditSeal(seq=seq, event_id=event.pk, prev_hash=prev, entry_hash=link, sealed_at=now))
        events.append(event)
        prev = link
        if len(events) == BATCH:
            AuditEvent.objects.bulk_update(events, ["content_hash"])
            AuditSeal.objects.bulk_create(seals)
            events, seals = [], []
    AuditEvent.objects.bulk_update(events, ["content_hash"])
    AuditSeal.objects.bulk_create(seals)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_code_without_choices"),
    ]

    operations = [
        migrations.RenameField("auditevent", "prev_hash", "legacy_prev_hash"),
        migrations.RenameField("auditevent", "entry_hash", "legacy_entry_hash"),
        migrations.AlterField(
            model_name="auditevent",
            name="legacy_prev_hash",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="legacy_entry_hash",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="content_hash",
            field=models.CharField(blank=True, default="", max_length=64),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="AuditSeal",
            fields=[
                ("seq", models.BigIntegerField(primary_key=True, serialize=False, verbose_name="volgnummer")),
                ("prev_hash", models.CharField(max_length=64)),
                ("entry_hash", models.CharField(max_length=64)),
                ("sealed_at", models.DateTimeField(verbose_name="verzegeld op")),
                (
                    "event",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="seal",
                        to="audit.auditevent",
                    ),
                ),
            ],
            options={
                "verbose_name": "zegel van auditgebeurtenis",
                "verbose_name_plural": "zegels van auditgebeurtenissen",
                "ordering": ["seq"],
            },
        ),
        migrations.RunPython(rekey_and_seal, migrations.RunPython.noop),
    ]
