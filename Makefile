# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint lexicon profile bench clean

$(BIN)/.jobfit-installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.jobfit-installed

demo: install
	$(BIN)/jobfit extract samples/ --format table
	$(BIN)/jobfit score samples/ --format table

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check analyzer skills_lexicon cli.py tests benchmarks

# Rebuild the generated lexicon part from ../shared/onet (needs ../shared).
lexicon: install
	$(BIN)/python -m skills_lexicon.build --onet ../shared/onet

bench: install
	$(BIN)/python -m benchmarks.run_all

clean:
	rm -rf $(VENV) build *.egg-info
