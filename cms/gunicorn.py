"""gunicorn's configuration for production: ``gunicorn -c cms/gunicorn.py cms.wsgi`` (``make
serve``). Everything comes from the environment; the defaults suit a machine of 2 cores behind a
reverse proxy on the same host.

- ``HOST`` / ``PORT`` (``127.0.0.1:8000``; ``GUNICORN_BIND`` overrides both, e.g.
  ``0.0.0.0:8000`` in a container or ``unix:/run/disclosure.sock``);
- ``WEB_CONCURRENCY``: worker processes, default cores + 1 (3 on 2 cores): page rendering is
  CPU-bound Python, one process per core and one to cover a worker waiting on the database;
- ``GUNICORN_THREADS``: threads per worker (``gthread``), default 4, for requests waiting on the
  database, the search engine or the cache;
- ``GUNICORN_TIMEOUT``: seconds before a silent worker is restarted, default 180 — above
  ``OCR_TIMEOUT`` (120 s), since publishing a scanned attachment runs OCR in the request;
- ``GUNICORN_MAX_REQUESTS``: a worker is replaced after this many requests (with jitter), 2000;
- ``GUNICORN_ACCESS_LOG``: ``-`` (stdout, the default), a path, or empty for none. Each line
  has the request time in ms and the page cache's ``X-Cache``.

``DJANGO_SETTINGS_MODULE`` defaults to ``cms.settings.production``.
"""

import multiprocessing
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
raw_env = [f"DJANGO_SETTINGS_MODULE={os.environ['DJANGO_SETTINGS_MODULE']}"]

bind = os.environ.get("GUNICORN_BIND") or (
    f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() + 1)
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 180)
graceful_timeout = 30
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS") or 2000)
max_requests_jitter = max_requests // 10
# The application is loaded once in the master and the workers are forked from it: a worker
# replaced after max_requests starts at once, its modules and dictionaries shared (cms/wsgi.py).
preload_app = True
# The heartbeat files of the workers on a RAM disk where there is one (containers).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms cache=%({x-cache}o)s'
)
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# X-Forwarded-* (the scheme, for SECURE_PROXY_SSL_HEADER) is believed only from the proxies in
# FORWARDED_ALLOW_IPS (gunicorn's own variable; default 127.0.0.1).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "disclosure"
# gunicorn's control socket (gunicornc) is off: its default path is shared by every gunicorn of
# the user; the service manager stops and reloads the server by signals.
control_socket_disable = True
