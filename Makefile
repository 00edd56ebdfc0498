# Two entry points for a fresh Linux machine with Python 3.11:
#   make run   - create .venv, install (with the export extra), open the GUI on the sample project
#   make test  - create .venv, install with the dev extra, lint, type-check, run every test headless
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench bench-scale soak screenshot translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# An editable install compiles none of the project's modules (pip compiles what it copies):
# compile them here, as an installed application has them; otherwise the first start compiles and
# writes them, and where PYTHONDONTWRITEBYTECODE is set every start compiles them.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m compileall -q annotator ui
	touch $@

# every offered export format works after `make run`: spaCy and datasets (the `export` extra)
$(VENV)/.installed-export: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[export]'
	$(BIN)/python -m compileall -q annotator ui
	touch $@ $(VENV)/.installed

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed-export
	$(BIN)/annotator gui

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check annotator ui tests main.py
	$(BIN)/ruff format --check annotator ui tests main.py
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n 2 --dist loadfile tests --ignore=tests/benchmarks

# Every benchmark prints its figures with floor and ratio; the figures are saved per commit
# under .benchmarks/ (git-ignored) and printed next to the previous run's.
# Each benchmark file runs in a process of its own: peak memory (ru_maxrss) is per process, and a
# file measured after another would inherit the other's peak.
bench: $(VENV)/.installed-dev
	status=0; for f in tests/benchmarks/bench_*.py; do \
	  QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -s -o timeout=1800 -p no:xdist $$f || status=1; \
	done; exit $$status

# The 100,000-document / 5,000,000-span project (tens of minutes, a few GB of disk); never in CI.
bench-scale: $(VENV)/.installed-dev
	BENCH_SCALE=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -s -o timeout=7200 \
	  tests/benchmarks/bench_scale.py -p no:xdist

# The reliability suite at soak size (SOAK=1: 25+ kills per operation, bigger hostile sets);
# the outcome table is printed even when a case fails.
SOAK_REPORT ?= build/reliability-report.jsonl
soak: $(VENV)/.installed-dev
	mkdir -p $(dir $(SOAK_REPORT)) && rm -f $(SOAK_REPORT)
	SOAK=1 RELIABILITY_REPORT=$(abspath $(SOAK_REPORT)) QT_QPA_PLATFORM=offscreen \
	  $(BIN)/python -m pytest -q -n 2 --dist load -o timeout=3600 tests/reliability; \
	  status=$$?; $(BIN)/python tests/reliability/report.py $(SOAK_REPORT); exit $$status

# The README's screenshots, in Arabic and English, on the sample article with two analysts'
# layers (built in a temporary folder; the user's own sample project is not touched).
screenshot: $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/screenshots/make_screenshots.py

# The Arabic interface: pyside6-lupdate collects every tr() string of the translated modules
# into the .ts (kept translations stay), pyside6-lrelease compiles the shipped .qm. Translate
# new strings in the .ts (Qt Linguist: pyside6-linguist), then run this again and commit both.
TRANSLATED := $(shell find ui/workbench ui/events ui/review ui/dialogs ui/search ui/suggestions ui/docview -name '*.py' | sort) ui/session.py ui/i18n.py ui/core_messages.py ui/app.py ui/jobs.py ui/widgets.py
translations: $(VENV)/.installed
	$(BIN)/pyside6-lupdate $(TRANSLATED) -ts resources/translations/annotator_ar.ts -target-language ar -no-obsolete
	$(BIN)/pyside6-lrelease resources/translations/annotator_ar.ts -qm resources/translations/annotator_ar.qm

clean:
	rm -rf $(VENV) build *.egg-info
