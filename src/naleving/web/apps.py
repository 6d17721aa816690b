from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "naleving.web"
    label = "web"

    def ready(self) -> None:
        # Django's own web server (``runserver`` for the demo and the screenshots, the browser tests' live
        # server) keeps a browser's connection open between requests and sends a response in more than one
        # write. With Nagle's algorithm on, the last part waited for the browser's delayed acknowledgement:
        # about 40 ms on every page (the login page in Chromium 94 → 52 ms; docs/benchmarks.md). gunicorn,
        # which serves production, sets TCP_NODELAY on its sockets itself.
        from django.core.servers.basehttp import WSGIRequestHandler

        WSGIRequestHandler.disable_nagle_algorithm = True
