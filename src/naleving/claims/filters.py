import django_filters

from naleving.claims.models import ClaimKind, ClaimStatus, Vordering


class VorderingFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label="Soort", choices=ClaimKind.choices)
    status = django_filters.ChoiceFilter(label="Status", choices=ClaimStatus.choices)
    amount_min = django_filters.NumberFilter(label="Bedrag vanaf (€)", field_name="amount", lookup_expr="gte")

    class Meta:
        model = Vordering
        fields = ["kind", "status"]
