# Two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint bench sample clean browser

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP)  ## install and start the app (first run loads the Medellín sample)
	$(PY) -m streamlit run app.py

# the browser for end-to-end tests: Debian's chromium (playwright cannot download here)
browser:
	@test -x /usr/bin/chromium || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "Chromium not installed: end-to-end tests will be skipped (install Debian's chromium package)."; }

# -rfEs: list failures and errors, and say why a test was skipped (no Chromium, no PostgreSQL, no nginx).
# Three workers (pytest-xdist), each file on one worker: much of a browser test's time is waiting on
# its server and browser, so three keep two cores busy; each worker has its own app server and
# PostgreSQL cluster. TEST_WORKERS=0 runs in one process (for a debugger).
TEST_WORKERS ?= 3
PARALLEL = $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile)
test: $(STAMP) browser  ## install and run every test (toolkit, pages, browser; store tests on SQLite and PostgreSQL)
	$(PY) -m pytest toolkit tests -q -rfEs $(PARALLEL)

test-fast: $(STAMP)
	$(PY) -m pytest toolkit tests -q -rfEs $(PARALLEL) --ignore=tests/e2e

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

bench: $(STAMP) browser
	$(PY) benchmarks/run.py
	$(PY) benchmarks/map_bench.py
	$(PY) benchmarks/clicks_bench.py
	$(PY) benchmarks/audit_bench.py
	$(PY) benchmarks/sessions.py --sessions 1 5 10 20 --seconds 30 --database sqlite
	$(PY) benchmarks/sessions.py --sessions 1 5 10 20 --seconds 30 --database postgresql
	$(PY) benchmarks/pages_bench.py --actors 20000

clean:
	rm -rf $(VENV) data/toolkit.db
