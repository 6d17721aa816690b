from django.urls import path

from naleving.claims import views

app_name = "claims"
urlpatterns = [
    path("", views.VorderingListView.as_view(), name="list"),
    path("<int:pk>/", views.vordering_detail, name="detail"),
]
