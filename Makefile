# Short recipes; each sets up what it needs (see README).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PORT   ?= 5000
PYTEST_ARGS ?=

.PHONY: run test lint format bench bench-nlp translations install system-deps clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/pybabel -q compile -d translations
	$(PY) -m participation setup
	PORT=$(PORT) $(PY) -m participation serve

test: $(STAMP)
	bash scripts/system-deps.sh
	$(VENV)/bin/pybabel -q compile -d translations
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

translations: $(STAMP)
	$(PY) -m participation translate update

bench: $(STAMP)
	bash scripts/system-deps.sh
	$(VENV)/bin/pybabel -q compile -d translations
	$(PY) bench/run_all.py

bench-nlp: $(STAMP)
	$(PY) bench/bench_nlp.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
