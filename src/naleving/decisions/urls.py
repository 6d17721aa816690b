from django.urls import path

from naleving.decisions import views

app_name = "decisions"
urlpatterns = [
    path("", views.BesluitListView.as_view(), name="list"),
    path("wat-als/", views.what_if, name="what_if"),
    path("<int:pk>/", views.besluit_detail, name="detail"),
]
