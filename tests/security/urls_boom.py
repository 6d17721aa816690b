"""The application's URLs plus one view that fails, to see the 500 page (test_errors.py)."""

from django.urls import path

from naleving.urls import *  # noqa: F403
from naleving.urls import urlpatterns as app_urlpatterns


def boom(request):
    raise RuntimeError("/srv/geheime-pad/naleving.sqlite3 is stuk")


urlpatterns = [path("boom/", boom), *app_urlpatterns]
