# Naleving: every developer and CI command. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
# Django 6 needs Python 3.12+; the machine's default python3 may be older, so look for one explicitly.
PYTHON_BOOT ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12 $(HOME)/.pyenv/versions/3.13*/bin/python3.13 /usr/bin/python3.13 /usr/bin/python3.12 /usr/local/bin/python3.12 /usr/local/bin/python3.13))
NALEVING := $(BIN)/naleving
DEMO_RESIDENTS ?= 2000
DEMO_SEED ?= 2026
# The demo organisation: demostad (one municipality), mer (Servicecentrum MER) or baanbrekers (Baanbrekers).
ORG ?= demostad
DEMO_ORGS := demostad mer baanbrekers
# Each organisation's demo has a data directory (SQLite database, uploads, deliveries) of its own, Demostad's
# in var/ as always, so --if-empty finds that organisation's database and the demos never mix.
# A NALEVING_DATA_DIR set in the environment is used as it is.
DEMO_DATA_DIR := $(abspath $(or $(NALEVING_DATA_DIR),$(if $(filter demostad,$(ORG)),var,var/$(ORG))))
STAMP_PY := $(VENV)/.installed
# uv installs the packages into .venv/ (ADR 0026): the same versions pip chooses, in a third of the time. It is
# itself installed into .venv/ with pip, the one installer every Python has.
UV_REQUIREMENT := uv>=0.13.9,<0.14
UV := $(BIN)/uv
STAMP_NPM := node_modules/.installed
# the name of the migrated template database `make test` copies the test databases from (empty on SQLite)
TEST_TEMPLATE := $(VENV)/.test-template
# the SQL each migration ran while the template was migrated, for the migration lock check (naleving.testing.migration_sql)
TEST_MIGRATION_SQL := $(abspath $(VENV))/.test-migration-sql.json
VENDOR := src/naleving/web/static/vendor
# `check --deploy` under the production settings, with the least environment they demand (dummy values; no
# database is opened). Only the security checks: the law-parameter warnings depend on the date.
DEPLOY_CHECK_ENV := DJANGO_SETTINGS_MODULE=naleving.settings.production \
	NALEVING_SECRET_KEY=deploy-check-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz \
	NALEVING_AUDIT_KEY=deploy-check-only-audit-key-not-a-secret-0123456789 \
	NALEVING_ALLOWED_HOSTS=naleving.example.nl DATABASE_URL=postgres://deploy-check@127.0.0.1:5432/none

# Python writes its bytecode caches (__pycache__/, ignored by git) even where the environment turns them off:
# otherwise every pytest worker and every `naleving` command a test starts compiles the project's modules again
# (collecting the suite: 14 s a process instead of 7 s). The installer leaves the compiling to the first
# import, so only what is imported is compiled, once.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help install assets sysdeps browser demo demo-data run test gate testdb lint fmt bench screenshots clean

help: ## List every target
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

# With pip in the Python that makes the venv, the venv gets none (ensurepip took 3.6 s of the 5.4 s before uv
# could start, on one core while the other waited) and that pip installs uv into it (`pip --python`).
$(UV):
	@test -n "$(PYTHON_BOOT)" || { echo "Python 3.12 or newer is needed (set PYTHON_BOOT=/path/to/python3.12)"; exit 1; }
	@if $(PYTHON_BOOT) -m pip --version >/dev/null 2>&1; then \
	  venv="--without-pip" pip="$(PYTHON_BOOT) -m pip --python $(BIN)/python"; \
	else venv="" pip="$(BIN)/python -m pip"; fi; \
	test -x $(BIN)/python || $(PYTHON_BOOT) -m venv $$venv $(VENV); \
	echo "$$pip install --quiet '$(UV_REQUIREMENT)'"; $$pip install --quiet '$(UV_REQUIREMENT)'

$(STAMP_PY): pyproject.toml | $(UV)
	$(UV) pip install --quiet --python $(BIN)/python -e '.[test]'
	@touch $@

install: $(STAMP_PY) assets ## Create .venv/ and install Naleving with its test tools
	@true

$(STAMP_NPM): package.json
	npm install --no-audit --no-fund --loglevel=error
	@touch $@

assets: $(STAMP_NPM) ## Install the NL Design System CSS, htmx and axe-core from npm into static/vendor
	@mkdir -p $(VENDOR)
	cp node_modules/@utrecht/component-library-css/dist/index.css $(VENDOR)/utrecht-components.css
	cp node_modules/@utrecht/design-tokens/dist/index.css $(VENDOR)/utrecht-tokens.css
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js
	cp node_modules/axe-core/axe.min.js $(VENDOR)/axe.min.js

sysdeps: ## Install Debian packages WeasyPrint needs, when missing
	@dpkg -s libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; }

# After sysdeps: apt-get runs one at a time.
browser: sysdeps ## Install Debian's Chromium (its headless shell) for the browser tests, when missing
	@test -x /usr/lib/chromium/chromium-headless-shell || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell; }

demo: export NALEVING_DATA_DIR := $(DEMO_DATA_DIR)
demo: install sysdeps ## Install, migrate, load the demo organisation (ORG=demostad|mer|baanbrekers) once and run on http://127.0.0.1:8000
	@case " $(DEMO_ORGS) " in *" $(ORG) "*) ;; *) echo "ORG=$(ORG): choose one of $(DEMO_ORGS)"; exit 2;; esac
	@echo "Demo $(ORG) in $(DEMO_DATA_DIR)"
	$(NALEVING) migrate --noinput
	$(NALEVING) demo-data --org $(ORG) --residents $(DEMO_RESIDENTS) --seed $(DEMO_SEED) --if-empty
	$(NALEVING) demo-users --org $(ORG) --print
	@echo "The background worker (theme control runs, reminders) runs alongside the server; stop both with Ctrl+C."
	$(NALEVING) db_worker --interval 1 --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(NALEVING) runserver 127.0.0.1:8000

# The coverage gate (100 % branch coverage of naleving.rules) is met by the engine's own tests; measuring it
# there keeps the tracer out of the rest of the suite, which then runs without it. The engine's property tests
# (Hypothesis: thousands of generated cases) add no line or branch to the gate and took two and a half times as
# long under the tracer: they run with the rest of the suite. The rest of the gate takes seconds in one process
# (two workers only doubled its start-up), beside the linters and the template database.
RULES_PROPERTIES := src/naleving/rules/tests/test_properties.py src/naleving/rules/tests/test_maatregel_properties.py \
	src/naleving/rules/tests/test_robustness.py
# The Python packages, the npm packages and the Debian packages are installed side by side, and the linters, the
# rules gate and the template database start as soon as the Python packages are there (each alone leaves a core
# idle part of the time); then the rest of the suite, its test databases copied from the template
# (naleving.testing.template_db), with the front-end assets and Chromium in place.
test: ## Install everything, lint, and run the whole test suite
	@$(MAKE) --no-print-directory -j4 --output-sync=target lint gate testdb assets browser
	NALEVING_TEST_TEMPLATE="$$(cat $(TEST_TEMPLATE))" NALEVING_TEST_MIGRATION_SQL=$(TEST_MIGRATION_SQL) \
	  $(BIN)/pytest -n 2 --dist loadgroup \
	  --ignore=src/naleving/rules src/naleving tests $(RULES_PROPERTIES) $(PYTEST_ARGS)

gate: $(STAMP_PY) ## The rules engine's tests with 100 % branch coverage (part of `make test`)
	$(BIN)/pytest -p no:xdist --cov=naleving.rules --cov-branch --cov-report=term-missing:skip-covered --cov-fail-under=100 \
	  src/naleving/rules $(addprefix --ignore=,$(RULES_PROPERTIES)) $(PYTEST_ARGS)

testdb: $(STAMP_PY) ## Migrate the template the test databases are copied from (PostgreSQL; part of `make test`)
	NALEVING_TEST_MIGRATION_SQL=$(TEST_MIGRATION_SQL) $(BIN)/python -m naleving.testing.template_db > $(TEST_TEMPLATE)

lint: $(STAMP_PY) ## ruff, mypy (strict on rules and analytics), import-linter, makemigrations --check, check --deploy
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=naleving.settings.dev $(NALEVING) makemigrations --check --dry-run
	$(DEPLOY_CHECK_ENV) $(NALEVING) check --deploy --fail-level WARNING --tag security

fmt: install ## Format and autofix with ruff
	$(BIN)/ruff format src tests bench tools
	$(BIN)/ruff check --fix src tests bench tools

screenshots: install sysdeps browser ## Screenshots of the main pages per role at 1280 and 360 px into docs/screenshots/
	$(BIN)/python tools/screenshots.py $(SCREENSHOT_ARGS)

bench: install sysdeps ## Run the benchmarks in bench/ (never part of make test; needs PostgreSQL)
	$(UV) pip install --quiet --python $(BIN)/python -e '.[test,bench]'
	$(BIN)/python -m bench $(BENCH)

clean: ## Remove the virtual environment, node_modules and local databases
	rm -rf $(VENV) node_modules $(VENDOR) var/
