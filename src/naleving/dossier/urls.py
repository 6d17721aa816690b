"""The resident file's page. It is mounted in the ``residents`` namespace under /inwoners/ (see
``naleving.urls``), so that ``residents:detail`` keeps its path and name while ``residents`` imports no
case app."""

from django.urls import path

from naleving.dossier import views

urlpatterns = [
    path("<int:pk>/", views.resident_file, name="detail"),
]
