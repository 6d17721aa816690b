"""REST API v1: reads scoped like the web pages (same selectors, same audit); writes go through services."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from naleving import rules
from naleving.api.serializers import (
    ResidentListSerializer,
    ResidentSerializer,
    SignalCreatedSerializer,
    SignalCreateSerializer,
    SignalSerializer,
)
from naleving.api.throttling import ThrottleFirstMixin
from naleving.audit.edge import shows, shows_residents
from naleving.common.views import or_404
from naleving.decisions.engine_errors import dutch_message
from naleving.decisions.permissions import EVALUATE_PERMISSIONS
from naleving.decisions.services import decision_evaluate
from naleving.residents import selectors as resident_selectors
from naleving.residents.permissions import VIEW_PERMISSIONS
from naleving.residents.reads import contains_bsn, resident_shown, residents_searched
from naleving.signals import permissions as signal_permissions
from naleving.signals.selectors import signal_get, signals_visible_to
from naleving.signals.services import signal_register

BSN_IN_QUERY_STRING = (
    "Zoek niet op BSN in de querystring: een URL belandt in logbestanden en in de geschiedenis. "
    'Zoek op BSN met POST /api/v1/residents/search/ en het BSN in de JSON-body: {"q": "<BSN>"}.'
)


class ResidentSearchSerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=200, help_text="BSN (9 cijfers), (deel van de) naam of postcode.", trim_whitespace=True
    )


class ResidentViewSet(ThrottleFirstMixin, viewsets.ReadOnlyModelViewSet):
    """Residents the caller may see. Every detail read is logged with its purpose.

    A search by BSN goes by POST (``search``), so the BSN travels in the body and never in a URL; ``GET
    ?q=`` searches names and postcodes and refuses a nine-digit number (issue #16)."""

    search_term = ""

    def get_serializer_class(self):
        return ResidentListSerializer if self.action in ("list", "search") else ResidentSerializer

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not any(request.user.has_perm(p) for p in VIEW_PERMISSIONS):
            raise PermissionDenied("Uw rol geeft geen toegang tot gegevens van inwoners.")
        refused = [name for name, value in request.query_params.items() if contains_bsn(value)]
        if refused:
            raise ValidationError({name: [BSN_IN_QUERY_STRING] for name in refused})

    def get_queryset(self):
        if self.action == "list":
            self.search_term = self.request.query_params.get("q", "")
        return resident_selectors.resident_search(actor=self.request.user, query=self.search_term)

    def _search_response(self, request, *, terms: dict, purpose: str) -> Response:
        response = super().list(request)
        residents_searched(request, terms=terms, count=response.data.get("count", 0))
        shows_residents(request, (row["id"] for row in response.data.get("results", [])), purpose=purpose)
        return response

    @extend_schema(
        summary="Zoek inwoners in de eigen werkvoorraad (naam of postcode)",
        description="Zoekt op naam of postcode. Een BSN hoort niet in de querystring: een negencijferig "
        "getal wordt geweigerd (400); zoek op BSN met POST /api/v1/residents/search/.",
        parameters=[
            OpenApiParameter("q", str, description="(Deel van de) naam, of postcode. Geen BSN."),
        ],
        responses={200: ResidentListSerializer(many=True), 400: OpenApiTypes.OBJECT},
    )
    def list(self, request, *args, **kwargs):
        terms = {k: v for k, v in request.query_params.items() if k != "page"}
        for name, value in terms.items():
            if any(ord(char) < 32 for char in value):
                raise ValidationError(
                    {name: "De zoekterm bevat een stuurteken (zoals een NUL-byte); laat dat weg."}
                )
        return self._search_response(request, terms=terms, purpose="Zoeken in eigen werkvoorraad (API)")

    @extend_schema(
        summary="Zoek inwoners in de eigen werkvoorraad (ook op BSN)",
        description="Zoekt op BSN, naam of postcode; de zoekterm staat in de JSON-body, zodat een BSN "
        "nooit in een URL of een toegangslog staat. Bladeren met ?page= in de URL.",
        request=ResidentSearchSerializer,
        responses={200: ResidentListSerializer(many=True), 400: OpenApiTypes.OBJECT},
    )
    @action(detail=False, methods=["post"], url_path="search")
    def search(self, request, *args, **kwargs):
        body = ResidentSearchSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        self.search_term = body.validated_data["q"]
        return self._search_response(
            request, terms={"q": self.search_term}, purpose="Zoeken in eigen werkvoorraad (API)"
        )

    def get_object(self):
        resident = or_404(
            resident_selectors.resident_get, actor=self.request.user, resident_id=self.kwargs["pk"]
        )
        resident_shown(self.request, resident)
        return resident


class SignalViewSet(ThrottleFirstMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    # Reads: the signals the caller may see. Create: a signal from a system or a chain partner.
    # Service field -> API field, where they differ.
    _API_FIELD = {"subject_bsn": "bsn"}

    def get_serializer_class(self):
        return SignalCreateSerializer if self.action == "create" else SignalSerializer

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.action == "create":
            if not request.user.has_perm(signal_permissions.ADD):
                raise PermissionDenied("Uw rol mag geen signalen registreren.")
        elif not request.user.has_perm(signal_permissions.VIEW):
            raise PermissionDenied("Uw rol geeft geen toegang tot signalen.")

    def get_queryset(self):
        return signals_visible_to(self.request.user).order_by("-received_on", "-id")

    def get_object(self):
        signal = or_404(signal_get, actor=self.request.user, signal_id=self.kwargs["pk"])
        if signal.resident_id and getattr(signal, "resident_in_scope", True):
            shows(
                self.request,
                code="signal.viewed",
                obj=signal,
                resident_id=signal.resident_id,
                purpose="Signaal opvragen (API)",
            )
        return signal

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        shows_residents(
            request,
            (row["resident"] for row in response.data.get("results", []) if row.get("resident")),
            purpose="Signalen opvragen (API)",
        )
        return response

    @extend_schema(
        summary="Signaal registreren",
        description="Registreert een signaal met zijn herkomst; het wacht daarna op triage. Met een BSN "
        "wordt het signaal gekoppeld aan de inwoner als die bekend is; het antwoord zegt niet of dat zo is.",
        request=SignalCreateSerializer,
        responses={201: SignalCreatedSerializer, 400: OpenApiTypes.OBJECT},
    )
    def create(self, request, *args, **kwargs):
        serializer = SignalCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        try:
            signal = signal_register(actor=request.user, subject_bsn=data.pop("bsn", ""), **data)
        except DjangoValidationError as exc:
            raise ValidationError(
                {self._API_FIELD.get(field, field): errors for field, errors in exc.message_dict.items()}
                if hasattr(exc, "error_dict")
                else exc.messages
            ) from None
        return Response(SignalCreatedSerializer(signal).data, status=status.HTTP_201_CREATED)


class DecisionEvaluateView(ThrottleFirstMixin, APIView):
    """POST a decision-contract request (a breach of the duty to inform, or with ``"kind": "maatregel"`` a
    maatregel); get the outcome the law and the policy profile prescribe."""

    @extend_schema(
        summary="Beslisregels doorrekenen (decision-contract.md)",
        request=OpenApiTypes.OBJECT,
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
        examples=[
            OpenApiExample(
                "Normale verwijtbaarheid, € 1.000",
                value={
                    "decision_date": "2026-03-01",
                    "violation": {"kind": "income", "start": "2025-09-01", "end": "2025-12-31"},
                    "benadelingsbedrag": "1000.00",
                    "culpability": "normaal",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Maatregel (art. 18 lid 4 onder a Pw)",
                description=(
                    'Met "kind": "maatregel" een verlaging van de bijstand (Pw 18). Zonder de cijfers van de '
                    "afstemmingsverordening in het beleidsprofiel weigert de engine met parameter_not_in_force."
                ),
                value={
                    "kind": "maatregel",
                    "decision_date": "2026-11-20",
                    "obligation": {"code": "pw_18_4_a", "breached_on": "2026-10-05"},
                    "culpability": "normaal",
                    "household": {"type": "alleenstaande", "kostendelers": 1, "age_band": "21_to_aow"},
                },
                request_only=True,
            ),
        ],
    )
    def post(self, request, *args, **kwargs):
        if not any(request.user.has_perm(p) for p in EVALUATE_PERMISSIONS):
            raise PermissionDenied("Uw rol mag de beslisregels niet doorrekenen.")
        if not isinstance(request.data, dict):
            return Response(
                {"error": {"code": "invalid_json", "message": "Verwacht een JSON-object.", "field": None}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            result = decision_evaluate(actor=request.user, data=dict(request.data))
        except rules.RuleInputError as exc:
            # message: one Dutch sentence for the person using the client; detail: the engine's own text
            return Response(
                {
                    "error": {
                        "code": exc.code,
                        "message": dutch_message(exc),
                        "field": exc.field,
                        "detail": exc.message,
                    }
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(result)
