from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import DefaultRouter

from naleving.api import views

app_name = "api"
router = DefaultRouter()
router.register("residents", views.ResidentViewSet, basename="resident")
router.register("signals", views.SignalViewSet, basename="signal")

urlpatterns = [
    re_path(r"^(?P<version>v1)/", include(router.urls)),
    path("v1/decisions/evaluate", views.DecisionEvaluateView.as_view(), name="decisions-evaluate"),
    # The schema maps every endpoint and field: for signed-in staff and token holders only (issue #14).
    path("v1/schema/", SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]), name="schema"),
]
