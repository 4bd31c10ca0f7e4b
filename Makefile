# steerco: the commands a newcomer and CI use. Everything runs from a virtual environment in .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ADDRPORT ?= 127.0.0.1:8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo serve test test-fast browser lint format mypy messages bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## Run the platform with the demo world on SQLite at http://127.0.0.1:8000 (another: make demo ADDRPORT=127.0.0.1:8001)
demo: $(STAMP)
	$(BIN)/steerco demo
	$(BIN)/steerco serve $(ADDRPORT)

serve: $(STAMP)
	$(BIN)/steerco serve $(ADDRPORT)

## Run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL)
test: $(STAMP)
	$(BIN)/steerco makemigrations --check --dry-run >/dev/null
	$(BIN)/pytest

test-fast: $(STAMP)
	$(BIN)/pytest -m "not browser" -x

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy steerco

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Refresh the translation catalogues after changing strings (needs gettext), then compile them
messages: $(STAMP)
	cd steerco && ../$(BIN)/django-admin makemessages -l ru -l uk --no-obsolete --settings=steerco.settings --pythonpath=..
	cd steerco && ../$(BIN)/django-admin compilemessages --settings=steerco.settings --pythonpath=..

## Measure how pages, packs and memory scale from N=1 to N=10 (BENCH_DATABASE=sqlite|postgres|both); see docs/performance.md
BENCH_DATABASE ?= sqlite
bench: $(STAMP)
	$(BIN)/python bench/run.py --database $(BENCH_DATABASE) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var build *.egg-info artifacts
