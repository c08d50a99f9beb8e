# Two commands do everything on a fresh machine: `make course` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
AS_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: course test test-fast goldens book notebooks check debian-packages benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.course: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.course
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## Install the course and open it in JupyterLab on the first chapter's notebook, as a learner's
## JupyterLab (widgets/trust_course/lab_settings/): no news prompt, no nbgrader tools, no cell toolbar,
## and saved notebooks that say "Run this cell" where an exercise has not run yet.
LAB_SETTINGS := $(CURDIR)/widgets/trust_course/lab_settings
course: $(VENV)/.course
	JUPYTER_CONFIG_PATH=$(LAB_SETTINGS)/self_study:$(LAB_SETTINGS)/learner$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH} $(BIN)/jupyter lab $(AS_ROOT) notebooks/ch01.ipynb

## Debian packages the tests need, each installed only when it is missing: Chromium for the browser
## tests (no browser download), Node.js and npm (a machine whose Node.js comes from NodeSource already
## carries npm, and Debian's npm conflicts with it), python3-venv for the JupyterHub test, and the
## PostgreSQL server for the gradebook tests (found by its binary, which is not on PATH).
POSTGRES_SERVER ?= $(firstword $(wildcard /usr/lib/postgresql/*/bin/postgres))
DEB_MISSING = $(strip \
  $(if $(shell command -v chromium),,chromium) \
  $(if $(shell command -v node),,nodejs) \
  $(if $(shell command -v npm),,npm) \
  $(if $(shell /usr/bin/python3 -c "import ensurepip" 2>/dev/null && echo ok),,python3-venv) \
  $(if $(POSTGRES_SERVER),,postgresql))

debian-packages:
ifneq ($(DEB_MISSING),)
	$(SUDO) apt-get update -q
	$(SUDO) apt-get install -y -q $(DEB_MISSING)
endif

## configurable-http-proxy for JupyterHub, from npm, installed locally.
node_modules/.bin/configurable-http-proxy: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## Install what the tests need and run the whole suite.
test: $(VENV)/.test debian-packages node_modules/.bin/configurable-http-proxy
	$(BIN)/python -m pytest

## The fast tier: schema, engine, store, widgets and commands, no browser, book or servers.
test-fast: $(VENV)/.test
	$(BIN)/python -m pytest -m "not slow and not browser"

## Rewrite the golden HTML of the fixture book (only after a deliberate change; review the diff).
goldens: $(VENV)/.test
	TRUST_COURSE_GOLDENS=write $(BIN)/python -m pytest tests/test_book_fixture.py

## Build the static book offline, warnings as errors.
book: $(VENV)/.course
	$(BIN)/trust-course build
	$(BIN)/trust-course notebooks
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going

## Compile the course and regenerate the exercise notebooks from it (`make book` does this first).
notebooks: $(VENV)/.course
	$(BIN)/trust-course build
	$(BIN)/trust-course notebooks

check: $(VENV)/.course
	$(BIN)/trust-course check

benchmark: $(VENV)/.test debian-packages
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/autograde.py
	$(BIN)/python benchmarks/reflection_accuracy.py --set test
	$(BIN)/python benchmarks/store_and_cli.py

clean:
	rm -rf _build
