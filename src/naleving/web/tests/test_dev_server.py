"""Django's own web server (``runserver``, the browser tests' live server) sends its responses without waiting
for the browser's delayed acknowledgement (``WebConfig.ready``): its connections have TCP_NODELAY."""

import socket
import threading
import urllib.request

from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler


class _Recording(WSGIRequestHandler):
    seen: list[int] = []

    def setup(self) -> None:
        super().setup()
        self.seen.append(self.connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    def log_message(self, *args) -> None:  # quiet
        pass


def _app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]


def test_the_development_server_sends_without_nagle_delay():
    assert WSGIRequestHandler.disable_nagle_algorithm is True
    server = ThreadedWSGIServer(("127.0.0.1", 0), _Recording)
    server.set_app(_app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        with urllib.request.urlopen(f"http://{host}:{port}/", timeout=5) as response:
            assert response.read() == b"ok"
    finally:
        server.shutdown()
        server.server_close()
    assert _Recording.seen and all(_Recording.seen)
