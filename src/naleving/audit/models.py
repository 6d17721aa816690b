"""The append-only, tamper-evident audit log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from naleving.audit.catalogue import CATALOGUE


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete an audit event."""


class AuditEvent(models.Model):
    """One event. ``entry_hash`` covers the event's content and the previous event's hash (a hash chain)."""

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
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditlog")
        ordering = ["-id"]
        indexes = [models.Index(fields=["actor", "occurred_at"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.code} {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted")

    @property
    def description(self) -> str:
        return CATALOGUE.get(self.code, self.code)
