import gc
import os

from django.core.wsgi import get_wsgi_application
from django.db import connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

application = get_wsgi_application()

from search import analysis  # noqa: E402 - after the settings are loaded

# Loaded before gunicorn forks its workers (preload_app, cms/gunicorn.py): a worker replaced
# after GUNICORN_MAX_REQUESTS starts with the dictionaries in memory (shared copy-on-write),
# instead of spending a second of CPU on its first search while the others are under load. No
# database connection may be inherited by the workers: any one opened here is closed.
analysis.load()
connections.close_all()

# The objects loaded at start-up live as long as the process: keep them out of the garbage
# collector's full passes, which otherwise pause a request now and then (~0.1 s measured).
gc.freeze()
