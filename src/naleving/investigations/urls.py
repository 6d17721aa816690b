from django.urls import path

from naleving.investigations import views, views_bulk

app_name = "investigations"
urlpatterns = [
    path("", views.InvestigationListView.as_view(), name="list"),
    path("termijnen/", views.deadlines_overview, name="deadlines"),
    path("toewijzen/", views_bulk.investigations_bulk_assign, name="bulk_assign"),
    path("<int:pk>/", views.investigation_detail, name="detail"),
    path("<int:pk>/toewijzen/", views.investigation_assign, name="assign"),
    path("<int:pk>/handelingen/", views.investigation_action, name="action"),
    path("<int:pk>/documenten/", views.investigation_document, name="document"),
    path(
        "<int:pk>/documenten/<int:document_pk>/",
        views.investigation_document_download,
        name="document_download",
    ),
    path("<int:pk>/hoor-en-wederhoor/", views.investigation_hearing, name="hearing"),
    path("<int:pk>/bevindingen/", views.investigation_findings, name="findings"),
    path("<int:pk>/afronden/", views.investigation_close, name="close"),
]
