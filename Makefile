# Two commands on a fresh machine:  `make run` (the app on the bundled LeNet-5 project) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint screenshots bench presets clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/cnnstudio $(FILE)

test: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check cnnstudio tests bench
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

presets: $(STAMP)
	$(BIN)/python -m cnnstudio.presets.generate

bench: $(STAMP)
	for f in bench/*.py; do $(BIN)/python $$f || exit 1; done

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/screenshots.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
