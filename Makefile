# SeqLab: `make run` serves the app, `make test` runs lint and every test (browser tests included).
# Both set themselves up on a fresh machine with Python >= 3.11.

PYTHON   ?= python3
VENV     ?= .venv
PORT     ?= 8501
# TORCH=cpu takes PyTorch's CPU-only build from PyTorch's own index (about 200 MB) instead of
# what pip finds (on an ordinary Linux machine, the CUDA build: several GB). See the README.
TORCH    ?= default
TORCH_CPU_INDEX ?= https://download.pytorch.org/whl/cpu
# The browser tests' Chromium: Debian's by default; where there is none, Playwright's own. On
# Ubuntu, Chromium is a snap, whose confinement Playwright cannot work with: Playwright's own.
UBUNTU   := $(shell grep -qi '^ID=ubuntu' /etc/os-release 2>/dev/null && echo yes)
CHROMIUM ?= $(if $(UBUNTU),,/usr/bin/chromium)
export SEQLAB_CHROMIUM := $(CHROMIUM)
BIN      := $(VENV)/bin
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
	@if [ "$(TORCH)" = cpu ]; then \
		echo "TORCH=cpu: PyTorch's CPU-only build from $(TORCH_CPU_INDEX)"; \
		$(BIN)/python -m pip install --quiet --index-url $(TORCH_CPU_INDEX) \
			"$$(grep -E '^torch==' requirements.txt)" || exit 1; \
	elif [ "$(TORCH)" != default ]; then echo "TORCH must be cpu or default, not $(TORCH)"; exit 1; fi
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.app
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# The browser tests' Chromium. Debian's own (Playwright cannot download browsers on every
# machine), with CJK and emoji fonts so that screenshots show Hangul and emoji rather than boxes.
# Where no Chromium is at $(CHROMIUM) and Debian's cannot be installed (Ubuntu ships Chromium as
# a snap, macOS has no apt-get), Playwright's own browser: `playwright install chromium`.
chromium: $(VENV)/.dev
	@if [ -n "$(CHROMIUM)" ] && [ -x "$(CHROMIUM)" ]; then \
		echo "browser tests: Chromium at $(CHROMIUM)"; \
	elif [ "$(CHROMIUM)" = /usr/bin/chromium ] && [ -f /etc/debian_version ] \
			&& command -v apt-get >/dev/null; then \
		echo "browser tests: installing Debian's chromium"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			chromium fonts-noto-cjk fonts-noto-color-emoji fontconfig >/dev/null; \
	else \
		echo "browser tests: no Chromium at '$(CHROMIUM)'; using Playwright's own (playwright install chromium)"; \
		$(BIN)/playwright install $(if $(UBUNTU),--with-deps,) chromium || { \
			echo "Could not download Playwright's Chromium. Install Chromium and run with CHROMIUM=/path/to/it."; \
			exit 1; }; \
	fi
	@if command -v apt-get >/dev/null && command -v fc-list >/dev/null \
			&& ! fc-list | grep -qi "noto sans cjk"; then \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install \
			-y -qq --no-install-recommends fonts-noto-cjk fonts-noto-color-emoji >/dev/null || true; \
	fi

clean:
	rm -rf $(VENV) artifacts .pytest_cache .ruff_cache
