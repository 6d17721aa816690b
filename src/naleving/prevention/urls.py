from django.urls import path

from naleving.prevention import views

app_name = "prevention"
urlpatterns = [path("", views.PreventionListView.as_view(), name="list")]
