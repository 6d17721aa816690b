"""Users, teams and the roles (Django groups) of a Naleving organisation."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from naleving.accounts.roles import ROLE_BY_KEY, ROLE_CHOICES


class Team(models.Model):
    """A team of consulenten and handhavers under one teamleider."""

    name = models.CharField(_("naam"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member. What a user may do comes from permissions, never from group names."""

    team = models.ForeignKey(
        Team, verbose_name=_("team"), null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    # The municipalities this user works for (issue #17), on top of caseload and team scope.
    gemeenten = models.ManyToManyField(
        "gemeenten.Gemeente", verbose_name=_("gemeenten"), blank=True, related_name="staff"
    )
    all_gemeenten = models.BooleanField(
        _("werkt voor alle gemeenten"),
        default=False,
        help_text=_("Ook voor gemeenten die later worden toegevoegd."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        permissions = [
            ("manage_users", "Gebruikers, rollen en profielen beheren"),
            ("approve_role_grant", "Toekenning van een goedkeurdersrol goedkeuren (tweede persoon)"),
        ]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def has_perm(self, perm, obj=None) -> bool:
        """Django's ``PermissionsMixin.has_perm``, asking the backends made once (``accounts.backends.configured``)
        instead of making them again for every test."""
        if self.is_active and self.is_superuser:
            return True
        return _asked(self, "has_perm", perm, obj)

    def has_module_perms(self, app_label) -> bool:
        """Django's ``PermissionsMixin.has_module_perms``, as ``has_perm``."""
        if self.is_active and self.is_superuser:
            return True
        return _asked(self, "has_module_perms", app_label)


def _asked(user: "User", test: str, *args) -> bool:
    """What Django's ``_user_has_perm`` and ``_user_has_module_perms`` answer: yes as soon as one backend says
    yes, no when one raises ``PermissionDenied``."""
    # not at the top: django.contrib.auth.backends imports the auth models, which need this model first
    from naleving.accounts.backends import configured

    for backend in configured():
        if not hasattr(backend, test):
            continue
        try:
            if getattr(backend, test)(user, *args):
                return True
        except PermissionDenied:
            return False
    return False


class Invitation(models.Model):
    """A one-time link with which a (new or reset) user sets his own password and second factor.

    Only the SHA-256 of the token is stored: whoever reads the database cannot use a pending invitation.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Uitnodiging voor {self.user}"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and self.revoked_at is None and now < self.expires_at


class RoleGrant(models.Model):
    """A request to give a user an approver role; it takes effect only when a second person approves it."""

    class Status(models.TextChoices):
        AANGEVRAAGD = "aangevraagd", _("aangevraagd")
        GOEDGEKEURD = "goedgekeurd", _("goedgekeurd")
        AFGEWEZEN = "afgewezen", _("afgewezen")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("rol"), max_length=40, choices=ROLE_CHOICES)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AANGEVRAAGD)
    requested_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="role_grants_requested"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="role_grants_decided"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("roltoekenning")
        verbose_name_plural = _("roltoekenningen")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(status="aangevraagd"),
                name="one_open_grant_per_user_and_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.role_name} voor {self.user} ({self.status})"

    @property
    def role_name(self) -> str:
        return ROLE_BY_KEY[self.role].name


class SavedFilter(models.Model):
    """A user's own named filter of one list: the list's URL name and the query string of its filters.

    Only filter parameters are kept (``accounts.saved_filters``), never a page number or a search term:
    a search may hold a name or a BSN, and a saved filter is no place for personal data."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="saved_filters")
    list_name = models.CharField(_("lijst"), max_length=100)
    name = models.CharField(_("naam"), max_length=80)
    query = models.CharField(_("filter"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bewaard filter")
        verbose_name_plural = _("bewaarde filters")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "list_name", "name"], name="one_saved_filter_per_name")
        ]

    def __str__(self) -> str:
        return self.name
