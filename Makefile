# Two commands on a fresh clone: `make run` (set up and serve the portal with demo data on
# the embedded default) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# The compiled translation catalogues (locale/, LOCALE_PATHS), rebuilt when their .po changes;
# the .mo files are build output, not committed. compilemessages needs gettext's msgfmt.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

.PHONY: run setup serve worker test lint clean messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

messages: $(MO_FILES)

locale/%.mo: locale/%.po $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=$(VENV)

setup: $(VENV)/.installed $(MO_FILES)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

run: setup
	@echo "门户: http://$(HOST):$(PORT)/    后台: http://$(HOST):$(PORT)/admin/    演示账号见 README"
	@# The webhook worker runs beside the server and stops with it (publishing never waits on
	@# a partner: see README, "Webhooks").
	$(PY) manage.py deliver_webhooks --loop & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production (README, "Running in production"): the settings come from the environment
# (SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, CACHE_URL, SEARCH_*). `serve` writes the static files
# (hashed names, compressed), migrates, and starts gunicorn (cms/gunicorn.py: WEB_CONCURRENCY,
# GUNICORN_THREADS, HOST, PORT); `worker` is the background process beside it.
PROD := DJANGO_SETTINGS_MODULE=cms.settings.production

serve: $(VENV)/.installed $(MO_FILES)
	$(PROD) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(PROD) $(PY) manage.py migrate --noinput
	$(PROD) HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/gunicorn -c cms/gunicorn.py cms.wsgi

# The webhook delivery worker and scheduled publishing/expiry (publish_due, every minute); the
# daily commands are cron lines (README). Stops both on exit.
worker: $(VENV)/.installed $(MO_FILES)
	$(PROD) $(PY) manage.py deliver_webhooks --loop & WEBHOOKS=$$!; \
	trap 'kill $$WEBHOOKS 2>/dev/null' EXIT INT TERM; \
	while true; do $(PROD) $(PY) manage.py publish_due || true; sleep 60; done

# The project's suite, then modelsearch's own backend test suite against our database backends
# (search/conformance, on the same DATABASE_URL; CONFORMANCE_ARGS: its extra pytest options).
test: $(VENV)/.installed $(MO_FILES)
	$(PY) -m pytest $(PYTEST_ARGS)
	$(PY) -m pytest search/conformance --ds=search.conformance.settings -q -p no:cacheprovider $(CONFORMANCE_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* media static
