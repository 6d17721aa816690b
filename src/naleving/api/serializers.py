from rest_framework import serializers

from naleving.residents.models import Benefit, Resident
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
    class Meta:
        model = Resident
        fields = ["id", "bsn", "first_names", "prefix", "family_name", "birth_date", "postcode", "district"]


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
