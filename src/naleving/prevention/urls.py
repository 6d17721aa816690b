from django.urls import path

from naleving.prevention import views, views_referrals

app_name = "prevention"
urlpatterns = [
    path("", views.PreventionListView.as_view(), name="list"),
    path("werkvoorraad/", views.worklist, name="worklist"),
    path("informatieblad/<str:language>.pdf", views.blank_sheet, name="blank_sheet"),
    path("inwoners/<int:pk>/intake/", views.intake_create, name="intake_create"),
    path("inwoners/<int:pk>/ondersteuning/", views.support_needs, name="support_needs"),
    path("inwoners/<int:pk>/herinnering/", views.schedule_create, name="schedule_create"),
    path("inwoners/<int:pk>/verwijzen/", views_referrals.referral_create, name="referral_create"),
    path("intake/<int:pk>/", views.intake_detail, name="intake_detail"),
    path("intake/<int:pk>/informatieblad.pdf", views.intake_sheet, name="intake_sheet"),
    path("aanvragen/<int:pk>/uitkomst/", views.application_outcome, name="application_outcome"),
    path("herinneringen/<int:pk>/brief.pdf", views.reminder_letter, name="reminder_letter"),
    path("herinneringen/<int:pk>/verstuurd/", views.reminder_sent, name="reminder_sent"),
    path("wijzigingen/<int:pk>/", views.change_report_detail, name="change_report_detail"),
    path("wijzigingen/<int:pk>/afgehandeld/", views.change_report_handled, name="change_report_handled"),
    path("wijzigingen/<int:pk>/bijlage/", views.change_report_attachment, name="change_report_attachment"),
    path("verwijzingen/", views_referrals.referral_list, name="referral_list"),
    path("verwijzingen/<int:pk>/", views_referrals.referral_detail, name="referral_detail"),
]
