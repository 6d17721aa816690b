"""What the (read-only, superuser-only) Django admin shows of accounts: nothing that grants or holds a secret.

Users, teams and roles are managed under Beheer › Gebruikers. The admin pages of groups, API tokens and
second-factor devices are removed: even read-only they show secrets (TOTP keys, tokens) or invite edits.
"""

from django.contrib import admin
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import TokenProxy

for model in (Group, TokenProxy, TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
