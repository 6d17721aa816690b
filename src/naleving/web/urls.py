from django.urls import path

from naleving.web import public, todo_lists, todo_runs, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("meer/", views.more, name="more"),
    path("mijn-werk/onderzoeken/<slug:task>/", todo_lists.todo_investigations, name="todo_investigations"),
    path("mijn-werk/runs/<slug:task>/", todo_runs.todo_runs, name="todo_runs"),
    # public, no login: the footer of every page links to them
    path("toegankelijkheidsverklaring/", public.accessibility_statement, name="accessibility"),
    path("privacyverklaring/", public.privacy_statement, name="privacy"),
    path("contact/", public.contact, name="contact"),
    path("gemeente/<str:code>/logo/", public.gemeente_logo, name="gemeente_logo"),
]
