# Two commands for a new user: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3

.PHONY: install run serve test test-fast lint format bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

install: $(VENV)/.installed

## make run: install, migrate, build the column tree and demo content, serve with gunicorn
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py bootstrap_portal --demo
	$(MAKE) --no-print-directory serve

## serve: gunicorn on $(HOST):$(PORT) (warm start: portal/gunicorn.conf.py) and the scheduler
serve:
	@echo "门户网站: http://$(HOST):$(PORT)/    管理后台: http://$(HOST):$(PORT)/admin/"
	@set -e; \
	$(PY) manage.py run_scheduler & sched=$$!; \
	trap 'kill $$sched 2>/dev/null' EXIT INT TERM; \
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(VENV)/bin/gunicorn -c portal/gunicorn.conf.py \
		portal.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - \
		--env DJANGO_SETTINGS_MODULE=portal.settings.dev

## make test: the whole suite on two processes (SQLite unless DATABASE_URL points elsewhere)
test: install
	$(VENV)/bin/pytest -n 2

## make test-fast: everything but the browser tests, on two processes
test-fast: install
	$(VENV)/bin/pytest -m "not browser" -n 2

## make lint: the gates CI runs (ruff, formatting, migrations in step with the models, system checks)
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## make bench: benchmarks (results written to docs/performance.md)
bench: install
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) var db.sqlite3 db.sqlite3-wal db.sqlite3-shm
