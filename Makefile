# SeqLab: `make run` serves the app, `make test` runs lint and every test (browser tests included).
# Both set themselves up on a fresh machine with Python >= 3.11.

PYTHON ?= python3
VENV   ?= .venv
PORT   ?= 8501
BIN    := $(VENV)/bin
# apt needs root; use sudo when we are not root and it exists.
SUDO   := $(shell [ "$$(id -u)" = 0 ] || command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo)

.PHONY: run test lint unit browser bench checkpoints chromium clean mutants

run: $(VENV)/.app
	$(BIN)/streamlit run app.py --server.port $(PORT)

test: $(VENV)/.dev chromium
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

unit: $(VENV)/.dev
	$(BIN)/python -m pytest -m "not browser"

browser: $(VENV)/.dev chromium
	$(BIN)/python -m pytest -m browser

# Plant each display bug of tests/mutations/ in a copy of the tree and see the unit tests catch it.
mutants: $(VENV)/.dev
	$(BIN)/python -m tests.mutation

lint: $(VENV)/.dev
	$(BIN)/ruff check .

bench: $(VENV)/.dev chromium
	$(BIN)/python bench/cold_start.py
	@for f in bench/*.py; do [ "$$f" = bench/cold_start.py ] || $(BIN)/python $$f || exit 1; done

# Retrain every shipped model from scratch (deterministic) and record its metrics.
checkpoints: $(VENV)/.app
	$(BIN)/python -m core.checkpoints

$(VENV)/.app: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "SeqLab needs Python >= 3.11 (set PYTHON=...)"; exit 1; }
	@# Debian's own Python ships venv without ensurepip until python3-venv is installed.
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.app
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# Debian's Chromium for the browser tests (Playwright cannot download browsers here), with
# CJK and emoji fonts so that screenshots show Hangul and emoji rather than boxes.
chromium:
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "noto sans cjk"; then :; else \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			chromium fonts-noto-cjk fonts-noto-color-emoji fontconfig >/dev/null; fi

clean:
	rm -rf $(VENV) artifacts .pytest_cache .ruff_cache
