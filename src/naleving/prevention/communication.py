"""How to reach a resident: channel, language and easy language, from the recorded support needs.

Limited doenvermogen is recorded as a flag and the support needed, never a diagnosis (SZW 004 §5.1
"rekening houden met het doenvermogen", Groningen actielijn 2). Letters and reminders ask this module
how to write: other apps (the decision letters) may use ``communication_for`` too.
"""

from dataclasses import dataclass

from naleving.prevention.checklist import sheet_language
from naleving.residents.choices import LanguageLevel, SupportNeed


@dataclass(frozen=True)
class Communication:
    channel: str  # a prevention.models.Channel value
    language: str  # a sheet language: nl, en, ar or uk
    easy_language: bool  # short B1 sentences with pictograms
    interpreter: bool  # offer an interpreter for conversations
    help_with_forms: bool
    contact_person: object  # the fixed contact person, else the consulent (a User or None)
    reasons: tuple[str, ...]  # why, in plain Dutch, for the consulent

    @property
    def summary(self) -> str:
        """In a few Dutch words, for the consulent: "brief per post, Arabisch, eenvoudige taal"."""
        from naleving.prevention.models import Channel, IntakeLanguage

        parts = [str(Channel(self.channel).label).lower(), str(IntakeLanguage(self.language).label)]
        if self.easy_language:
            parts.append("eenvoudige taal met pictogrammen")
        if self.interpreter:
            parts.append("tolk bij gesprekken")
        return ", ".join(parts)


def communication_for(resident) -> Communication:
    """The way to write to ``resident``: letters on paper when digital contact does not work for them, in
    their language when a translation exists, easy language with pictograms when asked for or when their
    language level is below B1, and from their fixed contact person when they have one."""
    needs = set(resident.support_needs or [])
    reasons = []
    if SupportNeed.GEEN_DIGITAAL_CONTACT in needs:
        channel = "brief"
        reasons.append("geen digitaal contact: per post")
    elif resident.fixed_contact_person_id and resident.needs_extra_support:
        channel = "persoonlijk"
        reasons.append("vaste contactpersoon brengt het persoonlijk")
    elif resident.email:
        channel = "digitaal"
    else:
        channel = "brief"
        reasons.append("geen e-mailadres bekend: per post")
    language = sheet_language(resident.preferred_language)
    if language != resident.preferred_language:
        reasons.append(f"geen vertaling in {resident.get_preferred_language_display()}: Nederlands met tolk")
    easy = SupportNeed.EENVOUDIGE_TAAL in needs or resident.language_level == LanguageLevel.ONDER_B1
    if easy:
        reasons.append("eenvoudige taal met pictogrammen")
    interpreter = SupportNeed.TOLK in needs or language != resident.preferred_language
    return Communication(
        channel=channel,
        language=language,
        easy_language=easy,
        interpreter=interpreter,
        help_with_forms=SupportNeed.HULP_BIJ_FORMULIEREN in needs,
        contact_person=resident.fixed_contact_person or resident.consulent,
        reasons=tuple(reasons),
    )
