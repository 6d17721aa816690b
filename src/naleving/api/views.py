"""REST API v1: read endpoints scoped exactly like the web pages (same selectors, same audit)."""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied

from naleving.api.serializers import ResidentListSerializer, ResidentSerializer, SignalSerializer
from naleving.residents import selectors as resident_selectors
from naleving.residents.views import VIEW_PERMISSIONS
from naleving.signals.selectors import signal_get, signals_visible_to


class ResidentViewSet(viewsets.ReadOnlyModelViewSet):
    """Residents the caller may see. Every detail read is logged with its purpose."""

    def get_serializer_class(self):
        return ResidentListSerializer if self.action == "list" else ResidentSerializer

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not any(request.user.has_perm(p) for p in VIEW_PERMISSIONS):
            raise PermissionDenied("Uw rol geeft geen toegang tot gegevens van inwoners.")

    def get_queryset(self):
        return resident_selectors.resident_search(
            actor=self.request.user, query=self.request.query_params.get("q", "")
        )

    @extend_schema(summary="Zoek inwoners in de eigen werkvoorraad")
    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        resident_selectors.resident_search_log(
            actor=request.user, query=request.query_params.urlencode(), count=response.data.get("count", 0)
        )
        return response

    def get_object(self):
        return resident_selectors.resident_get(actor=self.request.user, resident_id=self.kwargs["pk"])


class SignalViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SignalSerializer

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not request.user.has_perm("signals.view_signal"):
            raise PermissionDenied("Uw rol geeft geen toegang tot signalen.")

    def get_queryset(self):
        return signals_visible_to(self.request.user).order_by("-received_on", "-id")

    def get_object(self):
        return signal_get(actor=self.request.user, signal_id=self.kwargs["pk"])
