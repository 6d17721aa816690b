"""gunicorn settings for Naleving (docs/deployment.md). Started by deploy/systemd/naleving-web.service:

    gunicorn -c /opt/naleving/current/deploy/gunicorn.conf.py naleving.wsgi:application

Listens on 127.0.0.1 only: TLS ends at the reverse proxy (deploy/nginx/naleving.conf), which sets
X-Forwarded-Proto. Workers × threads as measured in docs/benchmarks.md (4 × 4 on 2 cores); see the sizing
section of docs/deployment.md before changing them.
"""

import os

from prometheus_client import multiprocess

bind = "127.0.0.1:8000"
workers = 4
threads = 4
# A theme-control upload is accepted in the request (the run itself is on the worker); PDFs render in it.
timeout = 120
graceful_timeout = 30
# Restart a worker now and then, so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Access lines come from Naleving itself (JSON, without personal data: naleving.access); gunicorn logs errors.
accesslog = None
errorlog = "-"
loglevel = "warning"
# The Content-Security-Policy and the rest are set by Django; gunicorn adds nothing.
forwarded_allow_ips = "127.0.0.1"


def on_starting(server):
    """Metrics of all workers are summed through files in PROMETHEUS_MULTIPROC_DIR (ops/metrics.py);
    start with an empty folder so a crashed run's counters do not linger."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        os.makedirs(folder, exist_ok=True)
        for name in os.listdir(folder):
            if name.endswith(".db"):
                os.remove(os.path.join(folder, name))


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)
