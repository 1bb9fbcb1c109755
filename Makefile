# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
HOST ?= 127.0.0.1
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# The address the portal prints in canonical and share links (PORTAL_BASE_URL).
export PORTAL_BASE_URL ?= http://$(HOST):$(PORT)

# `make run` serves the site as the public sees it (DEBUG off, static files by the app);
# `make dev` is the autoreloading debug server for developers.
.PHONY: run dev static test install install-dev demo lint format bench clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin --url http://$(HOST):$(PORT)/admin/

static: install
	$(MANAGE) collectstatic --noinput --verbosity 0

# Scheduled publishing ("Lịch đăng"): beside runserver, a small loop runs publish_scheduled
# every $(PUBLISH_EVERY) seconds (a separate process, stopped when runserver exits or on
# Ctrl+C; it sleeps in 1-second steps so nothing outlives it by more than a second).
# Production runs the same command from deploy/systemd/portal-publish-scheduled.timer.
PUBLISH_EVERY ?= 60
run: demo static
	@echo "Cổng thông tin: http://$(HOST):$(PORT)/   Quản trị: http://$(HOST):$(PORT)/admin/"
	@( while :; do $(MANAGE) publish_scheduled >/dev/null || true; i=0; \
	   while [ $$i -lt $(PUBLISH_EVERY) ]; do sleep 1; i=$$((i+1)); done; done ) & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

dev: demo
	@echo "Debug server (DEBUG=1, autoreload): http://$(HOST):$(PORT)/"
	DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

# Two processes by default (pytest-xdist; tests/conftest.py keeps the tests that share a
# module's fixture in one worker, each worker has its own test database, media folder and
# Redis db). `make test PYTEST_XDIST=` runs one process; `pytest tests/test_x.py` alone is
# always one process.
PYTEST_XDIST ?= -n 2 --dist loadgroup
test: install-dev
	$(BIN)/python -m pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .test-media

messages: install-dev
	$(MANAGE) update_catalogs
