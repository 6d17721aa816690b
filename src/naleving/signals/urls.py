from django.urls import path

from naleving.signals import intake_views, views, views_triage

app_name = "signals"
urlpatterns = [
    path("", views.SignalListView.as_view(), name="list"),
    path("<int:pk>/", views.signal_detail, name="detail"),
    path("nieuw/", intake_views.signal_create, name="create"),
    path("import/", intake_views.signal_import, name="import"),
    path("beoordelen/", views_triage.triage_queue, name="triage_queue"),
    path("<int:pk>/beoordelen/", views_triage.signal_triage, name="triage"),
]
