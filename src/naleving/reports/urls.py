from django.urls import path

from naleving.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("definities/", views.definitions, name="definitions"),
    path("casusvoorbeelden/", views.case_examples, name="case_examples"),
    path("casusvoorbeelden/nieuw/", views.case_example_create, name="case_example_create"),
    path("casusvoorbeelden/<int:pk>/intrekken/", views.case_example_withdraw, name="case_example_withdraw"),
    path("<slug:key>/", views.report, name="report"),
    path("<slug:key>/rapport.pdf", views.report_pdf, name="report_pdf"),
    path("<slug:key>/rapport.xlsx", views.report_xlsx, name="report_xlsx"),
    path("<slug:key>/tabel/<slug:table>.csv", views.report_csv, name="report_csv"),
]
