from django.urls import path

from naleving.decisions import views, views_letters, views_maatregel, views_remedies

app_name = "decisions"
urlpatterns = [
    path("", views.BesluitListView.as_view(), name="list"),
    path("wat-als/", views.what_if, name="what_if"),
    path("onderzoek/<int:investigation_pk>/voorbereiden/", views.besluit_prepare, name="prepare"),
    path("termijnen/", views_remedies.remedy_terms, name="remedy_terms"),
    path("<int:pk>/", views.besluit_detail, name="detail"),
    path("<int:pk>/bezwaar/", views_remedies.bezwaar_register, name="bezwaar_register"),
    path("<int:pk>/beroep/", views_remedies.beroep_register, name="beroep_register"),
    path("bezwaar/<int:pk>/verschoonbaar/", views_remedies.bezwaar_excuse, name="bezwaar_excuse"),
    path("bezwaar/<int:pk>/horen/", views_remedies.bezwaar_hearing, name="bezwaar_hearing"),
    path("bezwaar/<int:pk>/beslissen/", views_remedies.bezwaar_decide, name="bezwaar_decide"),
    path("beroep/<int:pk>/uitspraak/", views_remedies.beroep_outcome, name="beroep_outcome"),
    path("<int:pk>/medeondertekenen/", views.besluit_cosign, name="cosign"),
    path("<int:pk>/opschorting/ingang/", views.opschorting_start, name="opschorting_start"),
    path("<int:pk>/brief.pdf", views_letters.besluit_letter, name="letter"),
    path("<int:pk>/brief/voorbeeld.pdf", views_letters.letter_preview, name="letter_preview"),
    path("<int:pk>/brief/verzenden/", views_letters.letter_send, name="letter_send"),
    path("<int:pk>/brieven/<int:brief_pk>.pdf", views_letters.brief_download, name="brief"),
    # The maatregel (Pw 18): a verzuim, its hearing and the besluit (issue #19)
    path("verzuimen/", views_maatregel.verzuim_list, name="verzuim_list"),
    path("inwoner/<int:resident_pk>/verzuim/", views_maatregel.verzuim_create, name="verzuim_create"),
    path("verzuimen/<int:pk>/", views_maatregel.verzuim_detail, name="verzuim_detail"),
    path("verzuimen/<int:pk>/horen/", views_maatregel.verzuim_hearing, name="verzuim_hearing"),
    path("verzuimen/<int:pk>/sluiten/", views_maatregel.verzuim_close, name="verzuim_close"),
    path("verzuimen/<int:pk>/voorbereiden/", views_maatregel.maatregel_prepare, name="maatregel_prepare"),
]
