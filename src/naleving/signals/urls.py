from django.urls import path

from naleving.signals import views

app_name = "signals"
urlpatterns = [
    path("", views.SignalListView.as_view(), name="list"),
    path("<int:pk>/", views.signal_detail, name="detail"),
]
