# Fresh-machine set-up: `make run` to read, `make test` to run the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run lint test bench eval-ner train-ner fuzz debian-test-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/reader articles/

# Debian tools the tests drive: tmux for the end-to-end test, fribidi as the bidi oracle.
debian-test-deps:
	@missing=""; \
	command -v tmux >/dev/null || missing="$$missing tmux"; \
	command -v fribidi >/dev/null || missing="$$missing libfribidi-bin"; \
	if [ -n "$$missing" ]; then \
		echo "installing from Debian:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# Style, formatting, strict types and the layers' contracts (pyproject.toml holds each tool's settings).
lint: $(VENV)/.installed-test
	$(BIN)/ruff check reader tests bench
	$(BIN)/ruff format --check reader tests bench
	$(BIN)/mypy --strict reader
	$(BIN)/lint-imports

test: $(VENV)/.installed-test debian-test-deps lint
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test debian-test-deps
	$(BIN)/python -m bench

# Entity recogniser. `make eval-ner`: the honest figures, the development split first (the last 20% of
# ANERcorp's training portion, scored by a CRF trained on the first 80%), then 5-fold cross-validation
# on the first 80% only (CV=K for another K). `make eval-ner FILE=x.conll` scores the shipped model on x,
# text it must never have seen; add CV=K to cross-validate on x instead.
# `make train-ner` rebuilds reader/entities/data/anercorp.crfsuite from the whole training portion.
# ANERcorp is not in this repository: README.md, "Named entities", says where it comes from.
NER_DATA ?= ../shared/data/ner/anercorp-train.conll
NER_SOURCE = fetch ANERcorp's training portion, CoNLL lines of token and BIO tag (ANERCorp_CamelLab_train.txt \
from https://camel.abudhabi.nyu.edu/anercorp/, CC BY-SA 4.0)
eval-ner: $(VENV)/.installed
	@test -r "$(or $(FILE),$(NER_DATA))" || { echo "make $@: no $(or $(FILE),$(NER_DATA)): $(NER_SOURCE), then: make $@ FILE=path/to/it" >&2; exit 2; }
	$(BIN)/reader eval-ner $(if $(FILE),$(FILE) $(if $(CV),--cv $(CV)),--dev --cv $(or $(CV),5) $(NER_DATA))

train-ner: $(VENV)/.installed
	@test -r "$(NER_DATA)" || { echo "make $@: no $(NER_DATA): $(NER_SOURCE), then: make $@ NER_DATA=path/to/it" >&2; exit 2; }
	$(BIN)/python -m reader.entities.train $(NER_DATA)

# A long fuzz run over the whole pipeline; `make test` runs a short one.
fuzz: $(VENV)/.installed-test
	READER_FUZZ_EXAMPLES=$${READER_FUZZ_EXAMPLES:-200000} $(BIN)/python -m pytest tests/hostile/test_fuzz.py -q
