# Two commands on a fresh machine:  `make run` (the app on the bundled LeNet-5 project) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# what running needs, and the test tools on top: `make run` never installs pytest, ruff or onnxruntime
RUN_STAMP := $(VENV)/.run-stamp
DEV_STAMP := $(VENV)/.dev-stamp
PACKAGING := pyproject.toml setup.py

.PHONY: run test lint screenshots bench presets translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): $(PACKAGING) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): $(PACKAGING) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	$(BIN)/cnnstudio $(FILE)

test: $(DEV_STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check cnnstudio tests bench
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

# the preset projects in presets/, rewritten from their builders (a test keeps them in sync)
presets: $(RUN_STAMP)
	$(BIN)/python -m cnnstudio.presets.generate

# each benchmark exits 1 on a MISS; the first MISS stops the run with a non-zero exit
bench: $(RUN_STAMP)
	for f in bench/*.py; do $(BIN)/python $$f || exit 1; done

# the README's screenshots in docs/ (tests/test_screenshots.py checks they are current)
screenshots: $(RUN_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/screenshots.py

# the Qt Linguist catalogues in resources/i18n/, brought up to date with the code (new strings come in unfinished,
# removed ones go); then translate them in Qt Linguist. Three areas: the GUI, the block catalog, every other message.
LUPDATE := $(BIN)/pyside6-lupdate -extensions py -locations none -no-obsolete
MESSAGE_SOURCES = $(filter-out cnnstudio/gui cnnstudio/blocks %/__pycache__,$(wildcard cnnstudio/*))
LANGS ?= ja
translations: $(RUN_STAMP)
	for lang in $(LANGS); do \
	  $(LUPDATE) -target-language $$lang cnnstudio/gui -ts resources/i18n/gui_$$lang.ts || exit 1; \
	  $(LUPDATE) -target-language $$lang cnnstudio/blocks -ts resources/i18n/blocks_$$lang.ts || exit 1; \
	  $(LUPDATE) -target-language $$lang $(MESSAGE_SOURCES) -ts resources/i18n/messages_$$lang.ts || exit 1; \
	done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
