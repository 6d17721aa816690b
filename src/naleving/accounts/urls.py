from django.urls import path

from naleving.accounts import oidc_urls, views, views_filters

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("code/", views.otp_verify, name="otp_verify"),
    path("tweestapsverificatie/", views.otp_setup, name="otp_setup"),
    path("tweestapsverificatie/herstelcodes/", views.recovery_codes_renew, name="recovery_codes"),
    path("tweestapsverificatie/uitschakelen/", views.otp_remove, name="otp_remove"),
    path("uitnodiging/<str:token>/", views.invitation, name="invitation"),
    path("filters/", views_filters.saved_filter_overview, name="saved_filters"),
    path("filters/bewaren/", views_filters.saved_filter_create, name="saved_filter_save"),
    path("filters/<int:pk>/verwijderen/", views_filters.saved_filter_remove, name="saved_filter_delete"),
]
# Single sign-on with the organisation's OpenID Connect provider (ADR 0022).
urlpatterns += oidc_urls.urlpatterns
