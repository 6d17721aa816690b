from django.utils import timezone
from rest_framework import serializers

from naleving.gemeenten.models import Gemeente
from naleving.gemeenten.selectors import gemeente_by_code
from naleving.residents.models import Benefit, Resident
from naleving.residents.validators import bsn_is_valid
from naleving.signals.choices import Origin, ViolationKind
from naleving.signals.models import Signal


class BenefitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Benefit
        fields = [
            "id",
            "regulation",
            "start_date",
            "end_date",
            "monthly_amount",
            "norm_amount",
            "household_type",
            "kostendelers",
        ]


class ResidentListSerializer(serializers.ModelSerializer):
    """A row of a list or search: as little as the web list shows (masked BSN, birth year). The full BSN and
    birth date come only with a detail read, which is logged with its purpose (issue #14)."""

    masked_bsn = serializers.CharField(read_only=True, help_text="BSN met alleen de laatste 4 cijfers.")
    birth_year = serializers.IntegerField(source="birth_date.year", read_only=True, help_text="Geboortejaar.")

    class Meta:
        model = Resident
        fields = [
            "id",
            "masked_bsn",
            "first_names",
            "prefix",
            "family_name",
            "birth_year",
            "postcode",
            "district",
        ]


class ResidentSerializer(serializers.ModelSerializer):
    benefits = BenefitSerializer(many=True, read_only=True)
    consulent = serializers.CharField(source="consulent.username", read_only=True, default=None)

    class Meta:
        model = Resident
        fields = [
            "id",
            "bsn",
            "first_names",
            "prefix",
            "family_name",
            "birth_date",
            "street",
            "house_number",
            "house_number_suffix",
            "postcode",
            "city",
            "district",
            "household_type",
            "kostendelers",
            "language_level",
            "preferred_language",
            "needs_extra_support",
            "support_needs",
            "consulent",
            "benefits",
        ]


class SignalSerializer(serializers.ModelSerializer):
    # The resident's id only when the caller may see that resident: a registrant outside their scope gets
    # null, as for a signal nobody is linked to (signals.selectors.signals_visible_to).
    resident = serializers.SerializerMethodField()

    class Meta:
        model = Signal
        fields = [
            "id",
            "resident",
            "origin",
            "kind",
            "received_on",
            "description",
            "external_reference",
            "route",
            "triaged_at",
        ]

    def get_resident(self, signal) -> int | None:
        return signal.resident_id if getattr(signal, "resident_in_scope", False) else None


# Anonymous reports come only through the public report page, with its spam protection.
API_ORIGINS = [(o.value, o.label) for o in Origin if o != Origin.ANONIEME_MELDING]


class SignalCreateSerializer(serializers.Serializer):
    """A signal from a system or a chain partner. The BSN links it to the resident when they are known;
    the response never says whether that happened."""

    origin = serializers.ChoiceField(choices=API_ORIGINS, help_text="Herkomst van het signaal.")
    kind = serializers.ChoiceField(choices=ViolationKind.choices, help_text="Soort mogelijke schending.")
    received_on = serializers.DateField(help_text="Datum van ontvangst; niet in de toekomst.")
    description = serializers.CharField(max_length=5000, help_text="Wat er is gesignaleerd: feiten.")
    bsn = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=9,
        write_only=True,
        help_text="BSN van de betrokkene (9 cijfers, elfproef), als bekend.",
    )
    subject_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    subject_address = serializers.CharField(required=False, allow_blank=True, max_length=200)
    reporter_contact = serializers.CharField(required=False, allow_blank=True, max_length=200)
    external_reference = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=64,
        help_text="Kenmerk bij de bron; een tweede signaal met hetzelfde kenmerk en dezelfde herkomst wordt "
        "geweigerd.",
    )

    gemeente = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=6,
        help_text="CBS-code van de gemeente waar het signaal over gaat (bijvoorbeeld GM0867); verplicht als de "
        "organisatie voor meer dan één gemeente werkt, ook als het BSN bekend is.",
    )

    def validate_gemeente(self, value: str):
        if not value:
            return None
        try:
            return gemeente_by_code(value)
        except Gemeente.DoesNotExist:
            raise serializers.ValidationError(
                f"Onbekende gemeente {value!r}: geef een CBS-code als GM0867."
            ) from None

    def validate_bsn(self, value: str) -> str:
        if value and not bsn_is_valid(value):
            raise serializers.ValidationError(
                f"{value} is geen geldig BSN: een BSN heeft 9 cijfers en voldoet aan de elfproef."
            )
        return value

    def validate_received_on(self, value):
        if value > timezone.localdate():
            raise serializers.ValidationError(
                f"De datum van ontvangst ({value:%d-%m-%Y}) ligt in de toekomst."
            )
        return value


class SignalCreatedSerializer(serializers.ModelSerializer):
    class Meta:
        model = Signal
        fields = ["id", "origin", "kind", "received_on", "external_reference"]
        read_only_fields = fields
