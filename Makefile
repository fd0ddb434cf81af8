# Marelle — the README's two commands (make demo, make test) and a few helpers.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
NPM := npm --prefix frontend --no-audit --no-fund
PORT ?= 8000
# Workers of the parallel pytest run (pytest-xdist): auto = one per core, 2 on CI.
PYTEST_WORKERS ?= auto



.PHONY: bench-scale constraints check-api-types demo test test-dates test-shifted install frontend frontend-install lint pytest vitest e2e openapi bench clean

## Run the platform with three demo structures (embedded PostgreSQL and Redis).
demo: install frontend
	bash scripts/ensure-system-libs.sh
	$(PY) manage.py demo --port $(PORT)

## Run every check: ruff, the layer contracts (import-linter), TypeScript, Vitest, pytest (unit,
## API, isolation, worker, e2e) in parallel (tests/README.md).
test: install frontend
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-system-libs.sh
	bash scripts/ensure-pgbouncer.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(MAKE) --no-print-directory check-api-types
	$(NPM) run typecheck
	$(NPM) test
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS)
	# Once more through PgBouncer in session mode: the isolation tests and a share of the
	# access matrix, every connection through the pooler (tests/pooler, decision 0030).
	MARELLE_DB_VIA_PGBOUNCER=session $(VENV)/bin/pytest -n 0 -q tests/pooler tests/tenancy/test_tenancy.py tests/api/test_access_matrix.py \
	  -k "not test_access_matrix.py or every_route or v1:family or v1:staff-famil"

## The Python tests (e2e included) at four dates far apart: tests must not depend on the day
## they run (scripts/test-dates.sh says which dates and why).
test-dates: install frontend
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-system-libs.sh
	bash scripts/ensure-pgbouncer.sh
	PYTEST_WORKERS=$(PYTEST_WORKERS) bash scripts/test-dates.sh

## The Python tests at one shifted date only (CI runs it after make test).
test-shifted: install frontend
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-system-libs.sh
	bash scripts/ensure-pgbouncer.sh
	PYTEST_WORKERS=$(PYTEST_WORKERS) bash scripts/test-dates.sh ci

## The SPA's TypeScript types must be those generated from the committed OpenAPI schema
## (test_openapi.py checks that the schema itself matches the code).
check-api-types: frontend-install
	cd frontend && npx --no-install openapi-typescript ../api/openapi.yaml -o node_modules/.schema.check.d.ts >/dev/null
	cmp -s frontend/node_modules/.schema.check.d.ts frontend/src/api/schema.d.ts || \
	  { echo "frontend/src/api/schema.d.ts is stale: run 'make openapi'"; exit 1; }

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 ou plus est requis")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

frontend-install: frontend/node_modules/.installed

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	$(NPM) ci
	touch $@

frontend: frontend-install
	$(NPM) run build

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

pytest: install
	bash scripts/ensure-system-libs.sh
	bash scripts/ensure-pgbouncer.sh
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) -m "not e2e"

e2e: install frontend
	bash scripts/ensure-chromium.sh
	$(VENV)/bin/pytest -m e2e

vitest: frontend-install
	$(NPM) test

## Regenerate the committed OpenAPI schema and the SPA's TypeScript types from it.
openapi: install frontend-install
	$(PY) manage.py spectacular --file api/openapi.yaml --validate --fail-on-warn
	$(NPM) run gen:api

## Benchmarks (results go to docs/performance.md by hand).
bench: install frontend
	$(PY) bench/provisioning.py
	$(PY) bench/structure_rps.py
	$(PY) bench/booking_rush.py
	$(PY) bench/invoice_run.py
	$(PY) bench/allocation.py
	$(PY) bench/allocation_db.py
	$(PY) bench/creche_billing.py
	$(PY) bench/announcement.py
	$(PY) bench/inbox.py

## Structures at scale: migrations and provisioning with many structures (20 minutes or more;
## its own database, kept between runs).
bench-scale: install
	$(PY) bench/structures_scale.py --structures 100
## Re-pin constraints.txt to the newest versions pyproject.toml allows.
constraints:
	rm -rf .venv-pin && $(PYTHON) -m venv .venv-pin
	.venv-pin/bin/pip install --quiet -e ".[dev]"
	{ echo "# Exact versions CI and the demo install (pip install -c constraints.txt -e .[dev])."; \
	  echo "# Refresh: make constraints"; .venv-pin/bin/pip freeze --exclude-editable; } > constraints.txt
	rm -rf .venv-pin

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist
