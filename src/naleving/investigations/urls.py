from django.urls import path

from naleving.investigations import views

app_name = "investigations"
urlpatterns = [
    path("", views.InvestigationListView.as_view(), name="list"),
    path("<int:pk>/", views.investigation_detail, name="detail"),
]
