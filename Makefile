# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install browser demo test lint lexicon profile model bench clean

$(BIN)/.jobfit-installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.jobfit-installed

# alex_morgan_resume.pdf is the .txt set in a PDF: the demo shows it once.
demo: install
	@echo "== What jobfit reads in each sample (two resumes and a posting)"
	$(BIN)/jobfit extract samples/alex_morgan_resume.pdf samples/jordan_lee_resume.md \
		samples/it_manager_posting.txt --format table
	@echo; echo "== The two resumes against the IT Manager role profile"
	$(BIN)/jobfit score samples/alex_morgan_resume.pdf samples/jordan_lee_resume.md --format table
	@echo; echo "== A resume against the posting: what the posting asks for, found or missing, and how to close each gap"
	$(BIN)/jobfit score samples/alex_morgan_resume.txt --against samples/it_manager_posting.txt \
		--format table --report out/alex_vs_posting.html
	@echo "HTML report: out/alex_vs_posting.html"

test: install browser
	$(BIN)/python -m pytest

# Headless Chromium for the web end-to-end test (Debian's package; Playwright drives it by path,
# so no `playwright install` download). Idempotent: does nothing when it is already there.
browser:
	@test -x /usr/bin/chromium || { apt-get update && apt-get install -y chromium; }

# Everything is checked, nothing excluded: ruff (lint and format) and mypy over the same paths
# (mypy's are in pyproject's [tool.mypy]); all three run and report before make fails.
LINT_PATHS := analyzer skills_lexicon cli.py tests benchmarks

lint: install
	@status=0; \
	$(BIN)/ruff check $(LINT_PATHS) || status=1; \
	$(BIN)/ruff format --check $(LINT_PATHS) || status=1; \
	$(BIN)/mypy || status=1; \
	exit $$status

# Rebuild the generated lexicon part from ../shared/onet (needs ../shared).
lexicon: install
	$(BIN)/python -m skills_lexicon.build --onet ../shared/onet --esco ../shared/esco/skills_en_label.txt

# Rebuild the IT Manager profile from the role documents and O*NET (needs ../shared).
profile: install
	$(BIN)/jobfit profile build ../shared/role_documents/it_manager --onet ../shared/onet/11-3021.00 \
		--role "IT Manager" --out models/it_manager.profile.json

# Rebuild the statement recogniser from the labelled dev statements (needs ../shared).
model: install
	$(BIN)/jobfit model build ../shared/dev --out models/competencies.npz

bench: install
	$(BIN)/python -m benchmarks.run_all

clean:
	rm -rf $(VENV) build *.egg-info
