# Two commands on a fresh clone: `make run` (set up and serve the portal with demo data on
# the embedded default) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test lint demo clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

setup: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

run: setup
	@echo "门户: http://$(HOST):$(PORT)/    后台: http://$(HOST):$(PORT)/admin/    演示账号见 README"
	$(PY) manage.py runserver $(HOST):$(PORT)

# The project's suite, then modelsearch's own backend test suite against our database backends
# (search/conformance, on the same DATABASE_URL).
test: $(VENV)/.installed
	$(PY) -m pytest $(PYTEST_ARGS)
	$(PY) -m pytest search/conformance --ds=search.conformance.settings -q -p no:cacheprovider

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* media static
