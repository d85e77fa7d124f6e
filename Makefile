# Set-up and everyday commands. On a fresh machine:
#   make paper   install everything and build the example paper
#   make test    install everything and run the tests
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PAPER  ?= content/2022-05-performance-report
# Debian packages the tests and the board pack need: LibreOffice renders .docx (the full
# libreoffice-writer: the -nogui build lacks the .ui files comments need), python3-uno
# drives it as a reviewer would, libreoffice-calc opens the ODS data downloads (tested),
# pandoc reads tracked changes, poppler and qpdf check PDFs;
# the red-team suite (tests/test_redteam_suite.py) measures each case with GNU time;
# postgresql: tests/measures/test_sql_postgres.py starts a throwaway server of its own.
APT_PACKAGES = libreoffice-writer libreoffice-calc python3-uno pandoc poppler-utils qpdf \
	fonts-liberation chromium chromium-driver time postgresql
# axe-core, the accessibility engine the HTML tests run in Chromium (npm registry)
AXE = .axe/node_modules/axe-core/axe.min.js
LO_UI = /usr/lib/libreoffice/share/config/soffice.cfg/modules/swriter/ui/annotation.ui

.PHONY: paper test lint docs bench system-deps install template clean

paper: install
	$(BIN)/boardpaper build $(PAPER)

LINTED = src tests benchmarks templates tools

test: install system-deps lint $(AXE)
	$(BIN)/python -m pytest

# ruff (configured in pyproject.toml): any finding or unformatted file fails the run
lint: install
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Installs LibreOffice and poppler with apt-get when they are missing (needs root or sudo).
system-deps:
	@if command -v soffice >/dev/null && command -v pdftoppm >/dev/null && command -v qpdf >/dev/null \
	   && command -v pandoc >/dev/null && command -v chromedriver >/dev/null && [ -x /usr/bin/time ] \
	   && [ -f $(LO_UI) ] && [ -e /usr/lib/libreoffice/program/libsclo.so ] \
	   && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
	   && /usr/bin/python3 -c 'import uno' 2>/dev/null; then :; else \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); \
	fi

# The README's pictures (the example paper's first page and the scorecard's, as PNG) and
# docs/placeholders.md, the reference of placeholders made from the code.
docs: install system-deps
	$(BIN)/boardpaper placeholders $(PAPER) > docs/placeholders.md
	$(BIN)/boardpaper build -q --pack --html $(PAPER) -o build/docs
	$(BIN)/python tools/screenshot.py build/docs/$(notdir $(PAPER)).html docs/images/web-page.png 420 760
	pdftoppm -r 70 -png -f 1 -l 1 -singlefile build/docs/$(notdir $(PAPER))-pack.pdf docs/images/paper-page-1
	pdftoppm -r 70 -png -f 1 -l 1 -singlefile build/docs/$(notdir $(PAPER))-appendix-a.pdf docs/images/scorecard-page-1
	$(BIN)/boardpaper meeting build meetings/2022-05-10.yaml -o build/docs
	pdftoppm -r 70 -png -f 1 -l 1 -singlefile build/docs/2022-05-10-pack.pdf docs/images/meeting-pack-cover
	pdftoppm -r 70 -png -f 2 -l 2 -singlefile build/docs/2022-05-10-pack.pdf docs/images/meeting-pack-agenda

$(AXE):
	npm install --silent --no-audit --no-fund --prefix .axe axe-core@4

# Benchmarks: a table of every measurement against its goal, and output/benchmarks.json.
bench: install system-deps
	$(BIN)/python benchmarks/run.py

template: install
	$(BIN)/python templates/make_template.py

clean:
	rm -rf $(VENV) output/*.docx output/*.pdf output/*.csv
