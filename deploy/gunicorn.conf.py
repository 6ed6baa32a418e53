"""gunicorn for the portal: `gunicorn -c deploy/gunicorn.conf.py familiestotte.wsgi`.

Workers from the cores (2 × cores + 1 sync workers, or GUNICORN_WORKERS); a request
that takes longer than GUNICORN_TIMEOUT seconds is cut off and its worker replaced.
Graceful reload: `systemctl reload familiestotte-web` (SIGHUP) starts new workers with
the new code and lets the old ones finish their requests within `graceful_timeout`.
The app is loaded in each worker after forking (no preload), so each worker opens its
own database and broker connections (familiestotte/wsgi.py).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5  # seconds; the proxy keeps connections to the upstream open
# Replace each worker after about a thousand requests, not all at once.
max_requests = 1000
max_requests_jitter = 100
preload_app = False
# Only the proxy's X-Forwarded-* are believed (the portal itself reads only
# X-Forwarded-Proto, SECURE_PROXY_SSL_HEADER in familiestotte/settings.py).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No access log of gunicorn's own: its lines have the client's address and the query
# string; the portal writes one JSON line per request (familiestotte/requestlog.py).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
