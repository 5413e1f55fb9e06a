.PHONY: demo test lint venv lock

PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

# One environment from the lock file; re-run only when the lock changes.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

venv: $(VENV)/.installed

demo: venv
	$(BIN)/tracedesk demo $(ARGS)

test: venv
	$(BIN)/python -m pytest $(ARGS)

lint: venv
	$(BIN)/ruff check src tests
	$(BIN)/mypy

# Needs uv in the venv: .venv/bin/python -m pip install uv
lock:
	$(BIN)/uv pip compile pyproject.toml --extra test --extra spark --python-version 3.11 --generate-hashes -o requirements.lock
