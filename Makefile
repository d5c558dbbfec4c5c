# The two entry points of the README: `make demo` and `make test`. Everything else is a step.
PY := .venv/bin/python
CHROMIUM ?= /usr/bin/chromium

.PHONY: setup demo test chromium bench bench-region bench-pg lint load chaos audit

setup: .venv/.installed tests/browser/node_modules/.installed

.venv/.installed: pyproject.toml
	python3 -m venv .venv
	.venv/bin/pip install --quiet --upgrade pip
	.venv/bin/pip install --quiet -e '.[dev]'
	touch $@

# axe-core for the browser tests' accessibility checks, pinned by tests/browser/package-lock.json.
tests/browser/node_modules/.installed: tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --ignore-scripts
	touch $@

# The demo's letters go to files in sent_emails/ (one per letter), not to the terminal.
demo: setup
	$(PY) manage.py migrate --noinput
	EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend EMAIL_FILE_PATH=sent_emails \
	  $(PY) manage.py seed_demo
	STATIC_COMPRESSED=true $(PY) manage.py collectstatic --noinput -v0
	@echo "Откройте http://127.0.0.1:8000 и войдите под одним из пользователей выше."
	DEBUG=false STATIC_COMPRESSED=true SECRET_KEY=demo-only-key-not-for-production-0123456789abcdefghijklmnop \
	  EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend EMAIL_FILE_PATH=sent_emails \
	  $(PY) manage.py runserver 127.0.0.1:8000

# Browser tests drive Debian's chromium; install it when missing (these machines run as root).
chromium:
	@test -x $(CHROMIUM) || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

# PYTEST_ARGS lets CI ask for the skip report of the same run. worksteal: an idle process takes
# tests from the busy one, so a few long browser tests don't leave one core idle at the end.
test: setup chromium
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -q -n 2 --dist worksteal $(PYTEST_ARGS)

# Everything measured on a 300-organization region in its own SQLite file (seeded once, then
# copied from .cache/bench/: loadtest/bench_db), and the coordinator's side on 2,000.
BENCH_DB ?= /tmp/dou-bench.sqlite3
BENCH_ENV = SQLITE_PATH=$(BENCH_DB) CACHE_DIR=$(BENCH_DB).cache
bench: setup
	BENCH_DB=$(BENCH_DB) BENCH_ORGS=300 PY=$(PY) loadtest/bench_db
	$(BENCH_ENV) $(PY) manage.py bench
	$(BENCH_ENV) $(PY) manage.py bench_orders
	$(BENCH_ENV) $(PY) manage.py bench_matching
	$(BENCH_ENV) $(PY) manage.py bench_programs
	$(BENCH_ENV) $(PY) manage.py bench_monitoring
	$(BENCH_ENV) $(PY) manage.py bench_lighthouse
	$(BENCH_ENV) $(PY) manage.py bench_region
	$(MAKE) --no-print-directory bench-region

# The coordinator's pages, the roll-up job and the incremental refresh on 2,000 kindergartens
# (seeded once, about half an hour on this machine, then copied from .cache/bench/).
# `make bench-region REGION_PG=1`: the same on PostgreSQL with production settings and Redis
# (the database dou_region2000, seeded once: loadtest/bench_region).
BENCH_REGION_DB ?= /tmp/dou-bench-2000.sqlite3
bench-region: setup
ifdef REGION_PG
	PY=$(PY) loadtest/bench_region
else
	BENCH_DB=$(BENCH_REGION_DB) BENCH_ORGS=2000 PY=$(PY) loadtest/bench_db
	SQLITE_PATH=$(BENCH_REGION_DB) CACHE_DIR=$(BENCH_REGION_DB).cache $(PY) manage.py bench_region
endif

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# The same pages on PostgreSQL with production settings (the region `make load` seeds).
bench-pg: setup
	PY=$(PY) loadtest/bench

# Load test of the production stack (gunicorn, 2 workers, PostgreSQL); prints the table.
load: setup
	PY=$(PY) loadtest/run

# Known vulnerabilities in the pinned dependencies (needs pypi.org's per-version JSON or OSV;
# see README «Dependency check»: not in .ci/run while this machine cannot reach them).
audit: setup
	$(PY) -m pip_audit --skip-editable --strict --progress-spinner off

# Parts of the production stack fail one by one (worker killed mid-job, Redis and PostgreSQL
# restarted, the mail server stopped); the site must serve and lose nothing. See .ci/chaos.
chaos: setup
	PY=$(PY) .ci/chaos
