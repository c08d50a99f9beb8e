# Two commands do everything on a fresh machine: `make course` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
AS_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: course test book notebooks check chromium benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.course: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.course
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## Install the course and open it in JupyterLab on the first chapter's notebook.
course: $(VENV)/.course
	$(BIN)/jupyter lab $(AS_ROOT) notebooks/ch01.ipynb

## Debian's Chromium for the browser tests (no browser download), Node.js and npm, and Debian's
## python3-venv for the JupyterHub test's system-wide course environment.
chromium:
	@command -v chromium >/dev/null && command -v node >/dev/null && command -v npm >/dev/null \
	  && /usr/bin/python3 -c "import ensurepip" 2>/dev/null || { \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium nodejs npm python3-venv; }

## configurable-http-proxy for JupyterHub, from npm, installed locally.
node_modules/.bin/configurable-http-proxy: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## Install what the tests need and run the whole suite.
test: $(VENV)/.test chromium node_modules/.bin/configurable-http-proxy
	$(BIN)/python -m pytest

## Build the static book offline, warnings as errors.
book: $(VENV)/.course
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going

## Regenerate the exercise notebooks from the YAML.
notebooks: $(VENV)/.course
	$(BIN)/trust-course notebooks

check: $(VENV)/.course
	$(BIN)/trust-course check

benchmark: $(VENV)/.test chromium
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/autograde.py
	$(BIN)/python benchmarks/reflection_holdout.py

clean:
	rm -rf _build
