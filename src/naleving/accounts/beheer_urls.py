"""Beheer › Gebruikers, teams and role requests (mounted at /beheer/gebruikers/, before the Django admin)."""

from django.urls import path

from naleving.accounts import beheer

app_name = "beheer"
urlpatterns = [
    path("", beheer.user_list, name="users"),
    path("nieuw/", beheer.user_create, name="user_create"),
    path("<int:pk>/", beheer.user_detail, name="user_detail"),
    path("<int:pk>/nieuwe-uitnodiging/", beheer.user_reset, name="user_reset"),
    path("<int:pk>/blokkeren/", beheer.user_deactivate, name="user_deactivate"),
    path("<int:pk>/ontgrendelen/", beheer.user_unlock, name="user_unlock"),
    path("roltoekenningen/", beheer.grant_list, name="grants"),
    path("roltoekenningen/<int:pk>/", beheer.grant_decide, name="grant_decide"),
    path("teams/", beheer.team_list, name="teams"),
]
