from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from naleving.accounts.models import Team, User


@admin.register(User)
class NalevingUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Naleving", {"fields": ("team",)}))
    list_display = ("username", "first_name", "last_name", "team", "is_active")
    list_filter = ("team", "groups", "is_active")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name",)
