"""The append-only, tamper-evident audit log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from naleving.audit.catalogue import CATALOGUE


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete an audit event."""


class AuditEvent(models.Model):
    """One event, with the keyed hash of its content. Its place in the chain is its ``AuditSeal`` (ADR 0019).

    Writing an event takes no lock and looks at no other event; the sealer chains committed events later.
    """

    occurred_at = models.DateTimeField(_("tijdstip"), db_index=True)
    # No `choices=`: the catalogue grows with every feature and must not need a migration each time;
    # audit_record refuses codes that are not in the catalogue.
    code = models.CharField(_("gebeurtenis"), max_length=64, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(_("naam medewerker"), max_length=200, blank=True)
    object_type = models.CharField(_("soort object"), max_length=64, blank=True)
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    resident_id = models.BigIntegerField(_("inwoner"), null=True, blank=True, db_index=True)
    purpose = models.CharField(_("doel / reden"), max_length=300, blank=True)
    before = models.JSONField(_("voor"), null=True, blank=True)
    after = models.JSONField(_("na"), null=True, blank=True)
    request_id = models.CharField(_("verzoek"), max_length=64, blank=True)
    #: HMAC-SHA256 (NALEVING_AUDIT_KEY) over the id and the content (hashing.content_hash).
    content_hash = models.CharField(max_length=64, blank=True)
    #: The unkeyed SHA-256 chain of the events written before ADR 0019; blank for later events.
    legacy_prev_hash = models.CharField(max_length=64, blank=True)
    legacy_entry_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditlog")
        ordering = ["-id"]
        indexes = [models.Index(fields=["actor", "occurred_at"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.code} {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted")

    @property
    def description(self) -> str:
        return CATALOGUE.get(self.code, self.code)


class AuditSeal(models.Model):
    """An event's place in the chain: its sequence number and the link over the previous link.

    Written only by ``sealing.chain_seal`` (bulk inserts), one row per committed event, never changed. The
    events themselves stay untouched, so writing an event and sealing it never wait for each other.
    """

    seq = models.BigIntegerField(_("volgnummer"), primary_key=True)
    # No database constraint: a deleted event must leave its seal behind, so verify can name it.
    event = models.OneToOneField(
        AuditEvent, on_delete=models.DO_NOTHING, db_constraint=False, related_name="seal"
    )
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)
    sealed_at = models.DateTimeField(_("verzegeld op"))

    class Meta:
        verbose_name = _("zegel van auditgebeurtenis")
        verbose_name_plural = _("zegels van auditgebeurtenissen")
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"{self.seq} → #{self.event_id}"

    def save(self, *args, **kwargs):
        raise AppendOnlyError("Seals are written only by the sealer")

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Seals cannot be deleted")
