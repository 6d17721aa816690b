from django.urls import path

from naleving.controls import views, views_proxy, views_scan
from naleving.controls import views_outcomes as outcome_views

app_name = "controls"
urlpatterns = [
    path("", views.control_list, name="list"),
    path("leveringen/nieuw/", views.delivery_new, name="delivery_new"),
    path("leveringen/<int:pk>/", views.delivery_detail, name="delivery_detail"),
    path("leveringen/<int:pk>/annuleren/", views.delivery_cancel, name="delivery_cancel"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("runs/<int:pk>/toelichting/", views.run_explain, name="run_explain"),
    path("runs/<int:pk>/fg-goedkeuring/", views.run_fg_approve, name="run_fg_approve"),
    path("runs/<int:pk>/vrijgeven/", views.run_release, name="run_release"),
    path("runs/<int:pk>/biasscan/", views_scan.run_scan, name="run_scan"),
    path("runs/<int:pk>/uitkomsten/", outcome_views.run_outcome_record, name="run_outcome_record"),
    path("uitkomsten/", outcome_views.outcome_reviews, name="outcome_reviews"),
    path(
        "uitkomsten/<int:pk>/gezien/",
        outcome_views.outcome_review_acknowledge,
        name="outcome_review_acknowledge",
    ),
    path("<slug:name>/", views.filter_detail, name="filter_detail"),
    path("<slug:name>/beoordelen/", views.filter_approve, name="filter_approve"),
    path("<slug:name>/wijzigen/", views.filter_update, name="filter_update"),
    path("<slug:name>/run/", views.delivery_new, name="run_upload"),
    path("<slug:name>/uitkomsten/", outcome_views.filter_outcome_record, name="filter_outcome_record"),
    path("<slug:name>/algoritmeregister.json", views.register_export, name="register_export"),
    path("<slug:name>/proxycontrole/", views_proxy.proxy_check_detail, name="proxy_check"),
    path("<slug:name>/proxycontrole/uitvoeren/", views_proxy.proxy_check_run, name="proxy_check_run"),
    path(
        "proxycontroles/<int:pk>/verantwoording/", views_proxy.proxy_check_justify, name="proxy_check_justify"
    ),
    path("proxycontroles/<int:pk>/fg-beoordeling/", views_proxy.proxy_check_fg, name="proxy_check_fg"),
]
