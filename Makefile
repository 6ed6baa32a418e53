# Two commands matter: `make run` (embedded demo) and `make test` (whole suite on PostgreSQL + Redis).
# `make help` lists the others.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

# The test suite's own databases and Redis database; override to run several suites side by side.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/familiestotte
TEST_REDIS_URL ?= redis://127.0.0.1:6379/1

.PHONY: help restore-drill run test install services browser proxy pdf lint contracts messages

help: ## This list
	@grep -hE '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed pdf ## Python and npm packages from their pins

run: install ## The embedded demo on http://127.0.0.1:8000 (SQLite, eager tasks; PORT=8001 to move it)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py serve_demo 127.0.0.1:$(PORT)

# Debian's Chromium for the browser tests; no browser download.
browser: ## Debian's Chromium for the browser tests
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Debian's Pango (WeasyPrint lays out the PDF course certificate with it) and the DejaVu fonts
# the certificate is set in, so that nothing is fetched when a PDF is made.
pdf: ## Debian's Pango and DejaVu fonts for the PDF course certificate
	@{ ldconfig -p | grep -q libpangoft2-1.0.so.0 && fc-list | grep -q DejaVuSans.ttf; } 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig >/dev/null; }

# Debian's nginx, so that the tests check the proxy's site files with `nginx -t` (never started),
# and Debian's haproxy, the load balancer of the cluster test (bench/cluster.py).
proxy: ## Debian's nginx and haproxy for the deploy and cluster tests
	@command -v nginx >/dev/null && command -v haproxy >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx haproxy >/dev/null; }

services: ## Start PostgreSQL and Redis if they are down
	@scripts/services-up

test: install browser proxy pdf services contracts ## Contracts, then the whole suite on PostgreSQL and Redis
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_REDIS_URL) \
	  DJANGO_DEBUG=1 DISABLE_RATE_LIMITS=1 $(BIN)/pytest

# A database of its own for the drill, with the demo in it.
DRILL_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/familiestotte_drill

restore-drill: install services ## Dump a demo database, restore it into a scratch one, compare, hold the outbox
	createdb --maintenance-db=$(dir $(DRILL_DATABASE_URL))postgres $(notdir $(DRILL_DATABASE_URL)) 2>/dev/null || true
	DATABASE_URL=$(DRILL_DATABASE_URL) $(BIN)/python manage.py migrate --noinput
	DATABASE_URL=$(DRILL_DATABASE_URL) $(BIN)/python manage.py load_demo
	DATABASE_URL=$(DRILL_DATABASE_URL) $(BIN)/python manage.py restore_drill

lint: install ## ruff: lint and format
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The house's contracts: style, the floor plan, types and migrations that match the models.
contracts: lint ## lint, lint-imports, mypy and the migrations check
	PYTHONPATH=. $(BIN)/lint-imports --no-cache
	$(BIN)/mypy .
	$(BIN)/python manage.py makemigrations --check --dry-run --noinput

# Needs a network that reaches the advisory database (PyPI); the timeout makes it fail, not hang.
audit: install ## pip-audit: known vulnerabilities in the pinned dependencies
	timeout 120 $(BIN)/pip-audit --strict --timeout 20 --skip-editable || { echo "pip-audit failed or could not reach the advisory database"; exit 1; }

# Apps with a catalog of their own; the project catalog (locale/) leaves their strings to them.
APPS_WITH_CATALOGS = $(patsubst %/locale,%,$(wildcard */locale))

messages: install ## Extract and compile the nb catalogs
	for locale in */locale; do \
	  (cd $${locale%/locale} && env -u DJANGO_SETTINGS_MODULE ../$(BIN)/django-admin makemessages -l nb --no-obsolete); done
	$(BIN)/python manage.py makemessages -l nb --no-obsolete $(foreach app,$(APPS_WITH_CATALOGS),-i '$(app)/*') -i 'tests/*' -i 'bench/*' -i '.venv/*' -i 'node_modules/*'
	$(BIN)/python manage.py compilemessages -i .venv -i node_modules
